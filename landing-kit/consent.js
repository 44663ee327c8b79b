/*
 * Consent Vault landing-page kit: an honest, accessible consent form from a few lines of HTML.
 *
 *   <form data-consent-vault
 *         data-api="https://api.example.com"          (the Consent Vault API; default: this page's origin)
 *         data-page="cherries-tiktok" data-campaign="cny-2027"
 *         data-notice-version="2026-11-01" data-jurisdiction="EU"
 *         data-purposes="marketing-email,marketing-sms,personalised-ads,contest-entry"></form>
 *   <script src="consent.js" defer></script>
 *
 * It builds the form from GET /v1/purposes (what is collected, why, for how long, shared with whom),
 * asks for each purpose with an unticked box, only enables and sends the fields a ticked purpose needs,
 * asks "I am N or older" where the jurisdiction sets an age of digital consent (from GET /v1/purposes;
 * unticked, nothing is sent), honours Global Privacy Control, posts with an Idempotency-Key, shows the receipt, keeps the receipt id
 * and token in this browser only if the person says so, and offers withdrawal and "delete my data".
 * It speaks the page's language (the lang attribute nearest the form: en, es, zh-CN, pt-BR; other
 * languages get English), asks the catalogue in it (?locale=) and sends the locale it answered in,
 * which the receipt records. It shows the notice version the page names (data-notice-version), asks
 * PIPL's separate consent with its own box where the jurisdiction needs one, naming the recipients,
 * and asks again when a remembered receipt says a material notice change needs re-consent.
 * No dependencies, no cookies, nothing sent anywhere but the API.
 */
(function () {
  'use strict';

  // Every string the kit shows, per language (reviewed for meaning, not word for word). The page's
  // lang attribute picks one: its exact tag, else its language (es-CL -> es, zh-Hant -> zh-CN,
  // pt-PT -> pt-BR), else English. {n}, {list}, ... are filled in by t().
  var STRINGS = {
    en: {
      fieldEmail: 'Email address', fieldPhone: 'Mobile number (international, e.g. +34 600 000 000)', fieldName: 'Your name',
      dataEmail: 'email', dataPhone: 'phone', dataName: 'name',
      year: '{n} year', years: '{n} years', month: '{n} month', months: '{n} months',
      week: '{n} week', weeks: '{n} weeks', day: '{n} day', days: '{n} days',
      loading: 'Loading what we would like to ask you…',
      loadFailed: 'The sign-up form could not be loaded. Please try again later.',
      intro: 'Tick what you agree to. Nothing is ticked for you, and you can change your mind at any time.',
      purposesLegend: 'What we ask your permission for',
      gpcNote: 'Your browser sends a Global Privacy Control signal, so we will not sell or share your data: '
        + 'purposes that would are switched off.',
      keep: 'We keep: {list}.', keepNothing: 'We keep nothing that identifies you.',
      retention: 'For {period}, then it is deleted automatically.',
      sharedWith: 'Shared with: {list}.', sharedWithNone: 'Not shared with anyone.',
      gpcOff: 'Switched off because of your Global Privacy Control setting.',
      saleOrSharing: 'This counts as selling or sharing personal data.',
      separate: 'I also separately agree that my data for this purpose is given to: {list}',
      separateAbroad: 'This sends your data outside {country}. The law here asks for this separate consent; '
        + 'without it, this purpose stays off.',
      separateSensitive: 'This purpose uses sensitive data ({list}). The law here asks for this separate consent; '
        + 'without it, this purpose stays off.',
      separateHere: 'The law here asks for this separate consent; without it, this purpose stays off.',
      recipient: '{name} ({location}, contact: {contact})',
      ageLabel: 'I am {n} or older',
      ageWhy: 'Below {n} the law here asks for a parent\'s or guardian\'s consent.',
      ageWhySale: 'Below {n} the law here asks for a parent\'s or guardian\'s consent to sell or share your data.',
      detailsLegend: 'Your details',
      remember: 'Remember my receipt on this device, so I can see or withdraw my consent later',
      submit: 'Sign up',
      neededFor: 'Needed for: {list}', notNeeded: 'Not needed unless you tick a purpose that uses it.',
      somethingWrong: 'Something went wrong.',
      toFix: '{n} thing to fix before we can sign you up.', toFixMany: '{n} things to fix before we can sign you up.',
      nothingTicked: 'You have not ticked anything, so there is nothing to sign up for and nothing was sent. '
        + 'Tick what you agree to, or leave this page: we keep nothing about you.',
      nothingSent: 'Nothing sent.',
      underAge: 'We can only sign you up if you are {n} or older. If you are younger, please ask a parent or guardian: '
        + 'nothing was sent.',
      sending: 'Sending…',
      signedUp: 'Thank you, you are signed up. Here is your receipt.',
      unreachable: 'We could not reach the sign-up service. Please try again; you will not be signed up twice.',
      notSent: 'Not sent.',
      savedFailed: 'Your saved receipt could not be loaded right now. Please reload the page later to see it.',
      welcomeBack: 'Welcome back. This is what you agreed to.',
      reconsent: 'Our privacy notice has changed in a way that matters for: {list}. Please read it and tick again '
        + 'what you agree to; until then we do not rely on your earlier consent for it.',
      notice: 'Privacy notice (version {version}):',
      receiptTitle: 'Your consent receipt', receiptId: 'Receipt', date: 'Date', controller: 'Controller',
      principalEmail: 'Email', principalPhone: 'Phone', principalName: 'Name',
      GRANTED: 'Agreed', PENDING_CONFIRMATION: 'Waiting for your confirmation', REFUSED: 'Not agreed', WITHDRAWN: 'Withdrawn',
      signedUpPending: 'Thank you. Check your inbox: some of what you agreed to starts only once you confirm it.',
      signedUpHeld: 'Thank you, you are signed up. We are very busy, so your sign-up is being recorded now: this receipt will be viewable online within a few minutes.',
      gpcReason: 'Switched off: your browser sent a Global Privacy Control signal, and this purpose would sell or share '
        + 'personal data.',
      withdraw: 'Withdraw', withdrawLabel: 'Withdraw consent: {purpose}', withdrawAll: 'Withdraw all',
      deleteData: 'Delete my data', forget: 'Forget my receipt on this device',
      forgotten: 'Your receipt is no longer kept on this device.',
      withdrawFailed: 'The withdrawal did not go through. Please try again.',
      withdrawn: 'Done: your consent is withdrawn and the data kept only for it is deleted.',
      withdrawUnreachable: 'We could not reach the service, so nothing was withdrawn. Please try again.',
      requestFailed: 'The request did not go through. Please try again.',
      deletionBefore: 'We have your deletion request (reference ',
      deletionAfter: '). All your data will be erased, at the latest by {date}.',
      requestUnreachable: 'We could not reach the service, so the request was not sent. Please try again.',
      codeLabel: 'The 6-digit code from the text message', confirmCode: 'Confirm',
      codeFormat: 'Type the 6 digits of the code we sent by text message.',
      confirmed: 'Confirmed. Thank you.',
      codeLocked: 'Too many wrong codes: this confirmation is locked, and nothing will be sent to your phone.',
      codeWrong: 'That code is not right, or it has expired. Check the text message and try again.',
      confirmFailed: 'The confirmation did not go through. Please try again.',
      confirmUnreachable: 'We could not reach the service, so nothing was confirmed. Please try again.'
    },
    es: {
      fieldEmail: 'Correo electrónico', fieldPhone: 'Número de móvil (internacional, p. ej. +56 9 1234 5678)', fieldName: 'Su nombre',
      dataEmail: 'correo electrónico', dataPhone: 'teléfono', dataName: 'nombre',
      year: '{n} año', years: '{n} años', month: '{n} mes', months: '{n} meses',
      week: '{n} semana', weeks: '{n} semanas', day: '{n} día', days: '{n} días',
      loading: 'Cargando lo que queremos preguntarle…',
      loadFailed: 'No se pudo cargar el formulario de registro. Inténtelo de nuevo más tarde.',
      intro: 'Marque aquello con lo que está de acuerdo. No hay nada marcado de antemano y puede cambiar de opinión en cualquier momento.',
      purposesLegend: 'Para qué le pedimos permiso',
      gpcNote: 'Su navegador envía una señal de Control Global de Privacidad (GPC), así que no venderemos ni cederemos sus datos: '
        + 'los fines que lo harían están desactivados.',
      keep: 'Guardamos: {list}.', keepNothing: 'No guardamos nada que le identifique.',
      retention: 'Durante {period}; después se borra automáticamente.',
      sharedWith: 'Se comparte con: {list}.', sharedWithNone: 'No se comparte con nadie.',
      gpcOff: 'Desactivado por su ajuste de Control Global de Privacidad.',
      saleOrSharing: 'Esto cuenta como venta o cesión de datos personales.',
      separate: 'Además, acepto por separado que mis datos para este fin se entreguen a: {list}',
      separateAbroad: 'Esto envía sus datos fuera de {country}. La ley aplicable exige este consentimiento por separado; '
        + 'sin él, este fin queda desactivado.',
      separateSensitive: 'Este fin usa datos sensibles ({list}). La ley aplicable exige este consentimiento por separado; '
        + 'sin él, este fin queda desactivado.',
      separateHere: 'La ley aplicable exige este consentimiento por separado; sin él, este fin queda desactivado.',
      recipient: '{name} ({location}, contacto: {contact})',
      ageLabel: 'Tengo {n} años o más',
      ageWhy: 'Con menos de {n} años, la ley aplicable exige el consentimiento de su madre, padre o tutor.',
      ageWhySale: 'Con menos de {n} años, la ley aplicable exige el consentimiento de su madre, padre o tutor para vender o ceder sus datos.',
      detailsLegend: 'Sus datos',
      remember: 'Recordar mi recibo en este dispositivo, para poder verlo o retirar mi consentimiento más adelante',
      submit: 'Registrarme',
      neededFor: 'Necesario para: {list}', notNeeded: 'No es necesario salvo que marque un fin que lo use.',
      somethingWrong: 'Algo salió mal.',
      toFix: 'Hay {n} cosa que corregir antes de poder registrarle.', toFixMany: 'Hay {n} cosas que corregir antes de poder registrarle.',
      nothingTicked: 'No ha marcado nada, así que no hay nada a lo que registrarse y no se envió nada. '
        + 'Marque aquello con lo que está de acuerdo o salga de esta página: no guardamos nada sobre usted.',
      nothingSent: 'No se envió nada.',
      underAge: 'Solo podemos registrarle si tiene {n} años o más. Si es menor, pida ayuda a su madre, padre o tutor: '
        + 'no se envió nada.',
      sending: 'Enviando…',
      signedUp: 'Gracias, ya está registrado. Este es su recibo.',
      unreachable: 'No pudimos contactar con el servicio de registro. Inténtelo de nuevo; no quedará registrado dos veces.',
      notSent: 'No enviado.',
      savedFailed: 'Ahora no se pudo cargar su recibo guardado. Vuelva a cargar la página más tarde para verlo.',
      welcomeBack: 'Bienvenido de nuevo. Esto es lo que aceptó.',
      reconsent: 'Nuestro aviso de privacidad ha cambiado en algo importante para: {list}. Léalo y vuelva a marcar '
        + 'aquello con lo que está de acuerdo; mientras tanto no nos basamos en su consentimiento anterior para ello.',
      notice: 'Aviso de privacidad (versión {version}):',
      receiptTitle: 'Su recibo de consentimiento', receiptId: 'Recibo', date: 'Fecha', controller: 'Responsable',
      principalEmail: 'Correo', principalPhone: 'Teléfono', principalName: 'Nombre',
      GRANTED: 'Aceptado', PENDING_CONFIRMATION: 'Pendiente de su confirmación', REFUSED: 'No aceptado', WITHDRAWN: 'Retirado',
      signedUpPending: 'Gracias. Revise su correo: parte de lo que aceptó empieza solo cuando lo confirme.',
      signedUpHeld: 'Gracias, ya está registrado. Hay mucha actividad y su registro se está guardando ahora: este recibo podrá verse en línea en unos minutos.',
      gpcReason: 'Desactivado: su navegador envió una señal de Control Global de Privacidad y este fin vendería o cedería '
        + 'datos personales.',
      withdraw: 'Retirar', withdrawLabel: 'Retirar el consentimiento: {purpose}', withdrawAll: 'Retirar todo',
      deleteData: 'Borrar mis datos', forget: 'Olvidar mi recibo en este dispositivo',
      forgotten: 'Su recibo ya no se guarda en este dispositivo.',
      withdrawFailed: 'La retirada no se completó. Inténtelo de nuevo.',
      withdrawn: 'Hecho: su consentimiento está retirado y se borraron los datos guardados solo para ello.',
      withdrawUnreachable: 'No pudimos contactar con el servicio, así que no se retiró nada. Inténtelo de nuevo.',
      requestFailed: 'La solicitud no se completó. Inténtelo de nuevo.',
      deletionBefore: 'Hemos recibido su solicitud de borrado (referencia ',
      deletionAfter: '). Todos sus datos se borrarán, a más tardar el {date}.',
      requestUnreachable: 'No pudimos contactar con el servicio, así que la solicitud no se envió. Inténtelo de nuevo.',
      codeLabel: 'El código de 6 dígitos del SMS', confirmCode: 'Confirmar',
      codeFormat: 'Escriba los 6 dígitos del código que le enviamos por SMS.',
      confirmed: 'Confirmado. Gracias.',
      codeLocked: 'Demasiados códigos incorrectos: esta confirmación está bloqueada y no se enviará nada a su teléfono.',
      codeWrong: 'Ese código no es correcto o ha caducado. Revise el SMS e inténtelo de nuevo.',
      confirmFailed: 'La confirmación no se completó. Inténtelo de nuevo.',
      confirmUnreachable: 'No pudimos contactar con el servicio, así que no se confirmó nada. Inténtelo de nuevo.'
    },
    'zh-CN': {
      fieldEmail: '电子邮箱', fieldPhone: '手机号码（国际格式，例如 +86 139 1234 5678）', fieldName: '您的姓名',
      dataEmail: '电子邮箱', dataPhone: '手机号码', dataName: '姓名',
      year: '{n} 年', years: '{n} 年', month: '{n} 个月', months: '{n} 个月',
      week: '{n} 周', weeks: '{n} 周', day: '{n} 天', days: '{n} 天',
      loading: '正在加载我们想征求您同意的内容…',
      loadFailed: '无法加载注册表单，请稍后再试。',
      intro: '请勾选您同意的内容。我们没有替您预先勾选任何选项，您可以随时改变主意。',
      purposesLegend: '我们请求您同意的用途',
      gpcNote: '您的浏览器发送了“全球隐私控制”（GPC）信号，因此我们不会出售或共享您的数据：涉及出售或共享的用途已关闭。',
      keep: '我们保存：{list}。', keepNothing: '我们不保存任何可识别您身份的信息。',
      retention: '保存 {period}，之后自动删除。',
      sharedWith: '提供给：{list}。', sharedWithNone: '不提供给任何第三方。',
      gpcOff: '因您的“全球隐私控制”设置而关闭。',
      saleOrSharing: '此用途属于出售或共享个人信息。',
      separate: '我另行单独同意将我为此用途提供的个人信息提供给：{list}',
      separateAbroad: '这会将您的个人信息提供到{country}境外。根据此处适用的法律，须取得您的单独同意；未勾选时，此用途保持关闭。',
      separateSensitive: '此用途使用敏感个人信息（{list}）。根据此处适用的法律，须取得您的单独同意；未勾选时，此用途保持关闭。',
      separateHere: '根据此处适用的法律，须取得您的单独同意；未勾选时，此用途保持关闭。',
      recipient: '{name}（{location}，联系方式：{contact}）',
      ageLabel: '我已年满 {n} 周岁',
      ageWhy: '未满 {n} 周岁的，根据此处适用的法律，须取得父母或其他监护人的同意。',
      ageWhySale: '未满 {n} 周岁的，根据此处适用的法律，出售或共享您的数据须取得父母或其他监护人的同意。',
      detailsLegend: '您的信息',
      remember: '在此设备上记住我的回执，以便日后查看或撤回同意',
      submit: '注册',
      neededFor: '用于：{list}', notNeeded: '除非您勾选需要此项的用途，否则无需填写。',
      somethingWrong: '出现了问题。',
      toFix: '还有 {n} 处需要修改，才能为您注册。', toFixMany: '还有 {n} 处需要修改，才能为您注册。',
      nothingTicked: '您没有勾选任何内容，因此无需注册，也没有发送任何信息。请勾选您同意的内容，或离开本页：我们不会保存您的任何信息。',
      nothingSent: '未发送任何内容。',
      underAge: '只有年满 {n} 周岁才能注册。如果您未满 {n} 周岁，请向父母或其他监护人求助：未发送任何内容。',
      sending: '正在发送…',
      signedUp: '谢谢，您已注册成功。以下是您的回执。',
      unreachable: '无法连接注册服务。请重试；您不会被重复注册。',
      notSent: '未发送。',
      savedFailed: '暂时无法加载您保存的回执。请稍后重新加载本页查看。',
      welcomeBack: '欢迎回来。以下是您已同意的内容。',
      reconsent: '我们的隐私声明发生了重要变更，涉及：{list}。请阅读后重新勾选您同意的内容；在此之前，我们不会依据您之前的同意处理相关信息。',
      notice: '隐私声明（版本 {version}）：',
      receiptTitle: '您的同意回执', receiptId: '回执编号', date: '日期', controller: '个人信息处理者',
      principalEmail: '电子邮箱', principalPhone: '手机号码', principalName: '姓名',
      GRANTED: '已同意', PENDING_CONFIRMATION: '等待您的确认', REFUSED: '未同意', WITHDRAWN: '已撤回',
      signedUpPending: '谢谢。请查收您的邮件：您同意的部分内容需要您确认后才会开始。',
      signedUpHeld: '谢谢，您已注册成功。当前访问量较大，您的注册正在保存中：几分钟后即可在线查看此回执。',
      gpcReason: '已关闭：您的浏览器发送了“全球隐私控制”信号，而此用途会出售或共享个人信息。',
      withdraw: '撤回', withdrawLabel: '撤回同意：{purpose}', withdrawAll: '全部撤回',
      deleteData: '删除我的数据', forget: '在此设备上忘记我的回执',
      forgotten: '此设备上已不再保存您的回执。',
      withdrawFailed: '撤回未成功，请重试。',
      withdrawn: '已完成：您的同意已撤回，仅为此保存的数据已删除。',
      withdrawUnreachable: '无法连接服务，因此未撤回任何内容。请重试。',
      requestFailed: '请求未成功，请重试。',
      deletionBefore: '我们已收到您的删除请求（编号 ',
      deletionAfter: '）。您的全部数据将最迟于 {date} 删除。',
      requestUnreachable: '无法连接服务，因此请求未发送。请重试。',
      codeLabel: '短信中的 6 位验证码', confirmCode: '确认',
      codeFormat: '请输入我们通过短信发送给您的 6 位验证码。',
      confirmed: '已确认，谢谢。',
      codeLocked: '错误次数过多：此确认已被锁定，我们不会再向您的手机发送任何内容。',
      codeWrong: '验证码不正确或已过期。请查看短信后重试。',
      confirmFailed: '确认未成功，请重试。',
      confirmUnreachable: '无法连接服务，因此未确认任何内容。请重试。'
    },
    'pt-BR': {
      fieldEmail: 'E-mail', fieldPhone: 'Celular (formato internacional, ex.: +55 11 91234 5678)', fieldName: 'Seu nome',
      dataEmail: 'e-mail', dataPhone: 'telefone', dataName: 'nome',
      year: '{n} ano', years: '{n} anos', month: '{n} mês', months: '{n} meses',
      week: '{n} semana', weeks: '{n} semanas', day: '{n} dia', days: '{n} dias',
      loading: 'Carregando o que gostaríamos de perguntar a você…',
      loadFailed: 'Não foi possível carregar o formulário de cadastro. Tente novamente mais tarde.',
      intro: 'Marque aquilo com que você concorda. Nada vem marcado e você pode mudar de ideia a qualquer momento.',
      purposesLegend: 'Para que pedimos sua permissão',
      gpcNote: 'Seu navegador envia um sinal de Controle Global de Privacidade (GPC), então não venderemos nem compartilharemos seus dados: '
        + 'as finalidades que fariam isso estão desativadas.',
      keep: 'Guardamos: {list}.', keepNothing: 'Não guardamos nada que identifique você.',
      retention: 'Por {period}; depois é apagado automaticamente.',
      sharedWith: 'Compartilhado com: {list}.', sharedWithNone: 'Não é compartilhado com ninguém.',
      gpcOff: 'Desativado pela sua configuração de Controle Global de Privacidade.',
      saleOrSharing: 'Isto conta como venda ou compartilhamento de dados pessoais.',
      separate: 'Também concordo, de forma separada, que meus dados para esta finalidade sejam fornecidos a: {list}',
      separateAbroad: 'Isto envia seus dados para fora de {country}. A lei aplicável exige este consentimento separado; '
        + 'sem ele, esta finalidade fica desativada.',
      separateSensitive: 'Esta finalidade usa dados sensíveis ({list}). A lei aplicável exige este consentimento separado; '
        + 'sem ele, esta finalidade fica desativada.',
      separateHere: 'A lei aplicável exige este consentimento separado; sem ele, esta finalidade fica desativada.',
      recipient: '{name} ({location}, contato: {contact})',
      ageLabel: 'Tenho {n} anos ou mais',
      ageWhy: 'Abaixo de {n} anos, a lei aplicável exige o consentimento de um dos pais ou do responsável legal.',
      ageWhySale: 'Abaixo de {n} anos, a lei aplicável exige o consentimento de um dos pais ou do responsável legal para vender ou compartilhar seus dados.',
      detailsLegend: 'Seus dados',
      remember: 'Lembrar meu recibo neste dispositivo, para eu poder vê-lo ou retirar meu consentimento depois',
      submit: 'Cadastrar',
      neededFor: 'Necessário para: {list}', notNeeded: 'Não é necessário, a menos que você marque uma finalidade que o use.',
      somethingWrong: 'Algo deu errado.',
      toFix: 'Falta corrigir {n} item antes de podermos cadastrar você.', toFixMany: 'Faltam corrigir {n} itens antes de podermos cadastrar você.',
      nothingTicked: 'Você não marcou nada, então não há nada para cadastrar e nada foi enviado. '
        + 'Marque aquilo com que concorda ou saia desta página: não guardamos nada sobre você.',
      nothingSent: 'Nada foi enviado.',
      underAge: 'Só podemos cadastrar você se tiver {n} anos ou mais. Se for mais novo, peça a um dos pais ou ao responsável legal: '
        + 'nada foi enviado.',
      sending: 'Enviando…',
      signedUp: 'Obrigado, seu cadastro foi feito. Aqui está seu recibo.',
      unreachable: 'Não conseguimos falar com o serviço de cadastro. Tente novamente; você não será cadastrado duas vezes.',
      notSent: 'Não enviado.',
      savedFailed: 'Não foi possível carregar seu recibo salvo agora. Recarregue a página mais tarde para vê-lo.',
      welcomeBack: 'Bem-vindo de volta. Isto é o que você aceitou.',
      reconsent: 'Nosso aviso de privacidade mudou em algo importante para: {list}. Leia-o e marque de novo aquilo com que '
        + 'concorda; até lá não nos baseamos no seu consentimento anterior para isso.',
      notice: 'Aviso de privacidade (versão {version}):',
      receiptTitle: 'Seu recibo de consentimento', receiptId: 'Recibo', date: 'Data', controller: 'Controlador',
      principalEmail: 'E-mail', principalPhone: 'Telefone', principalName: 'Nome',
      GRANTED: 'Aceito', PENDING_CONFIRMATION: 'Aguardando sua confirmação', REFUSED: 'Não aceito', WITHDRAWN: 'Retirado',
      signedUpPending: 'Obrigado. Verifique seu e-mail: parte do que você aceitou só começa depois que você confirmar.',
      signedUpHeld: 'Obrigado, seu cadastro foi feito. Estamos com muito movimento e seu cadastro está sendo registrado agora: este recibo poderá ser visto on-line em alguns minutos.',
      gpcReason: 'Desativado: seu navegador enviou um sinal de Controle Global de Privacidade e esta finalidade venderia ou '
        + 'compartilharia dados pessoais.',
      withdraw: 'Retirar', withdrawLabel: 'Retirar consentimento: {purpose}', withdrawAll: 'Retirar tudo',
      deleteData: 'Apagar meus dados', forget: 'Esquecer meu recibo neste dispositivo',
      forgotten: 'Seu recibo não é mais guardado neste dispositivo.',
      withdrawFailed: 'A retirada não foi concluída. Tente novamente.',
      withdrawn: 'Pronto: seu consentimento foi retirado e os dados guardados só para ele foram apagados.',
      withdrawUnreachable: 'Não conseguimos falar com o serviço, então nada foi retirado. Tente novamente.',
      requestFailed: 'A solicitação não foi concluída. Tente novamente.',
      deletionBefore: 'Recebemos sua solicitação de exclusão (referência ',
      deletionAfter: '). Todos os seus dados serão apagados até, no máximo, {date}.',
      requestUnreachable: 'Não conseguimos falar com o serviço, então a solicitação não foi enviada. Tente novamente.',
      codeLabel: 'O código de 6 dígitos da mensagem de texto (SMS)', confirmCode: 'Confirmar',
      codeFormat: 'Digite os 6 dígitos do código que enviamos por SMS.',
      confirmed: 'Confirmado. Obrigado.',
      codeLocked: 'Muitos códigos errados: esta confirmação foi bloqueada e nada será enviado para o seu celular.',
      codeWrong: 'Esse código não está correto ou expirou. Confira o SMS e tente novamente.',
      confirmFailed: 'A confirmação não foi concluída. Tente novamente.',
      confirmUnreachable: 'Não conseguimos falar com o serviço, então nada foi confirmado. Tente novamente.'
    }
  };
  var LANGUAGES = Object.keys(STRINGS);
  var COUNTRY = { CN: { en: 'China', es: 'China', 'zh-CN': '中国', 'pt-BR': 'China' } };

  /** The supported language of a BCP 47 tag: exact, else by its language, else English. */
  function languageOf(tag) {
    tag = tag || '';
    for (var i = 0; i < LANGUAGES.length; i++) {
      if (LANGUAGES[i].toLowerCase() === tag.toLowerCase()) { return LANGUAGES[i]; }
    }
    var language = tag.split('-')[0].toLowerCase();
    for (var j = 0; j < LANGUAGES.length; j++) {
      if (LANGUAGES[j].split('-')[0] === language) { return LANGUAGES[j]; }
    }
    return 'en';
  }

  var FIELDS = [
    { name: 'email', label: 'fieldEmail', data: 'dataEmail', principal: 'principalEmail', type: 'email', autocomplete: 'email' },
    { name: 'phone', label: 'fieldPhone', data: 'dataPhone', principal: 'principalPhone', type: 'tel', autocomplete: 'tel' },
    { name: 'name', label: 'fieldName', data: 'dataName', principal: 'principalName', type: 'text', autocomplete: 'name' }
  ];
  function field(name) {
    return FIELDS.filter(function (f) { return f.name === name; })[0];
  }
  var STORAGE_KEY = 'consent-vault-receipt';
  var counter = 0;

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === 'text') {
        node.textContent = attributes[key];
      } else if (attributes[key] !== false && attributes[key] != null) {
        node.setAttribute(key, attributes[key] === true ? '' : attributes[key]);
      }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function retentionText(form, iso) {
    var match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(iso || '');
    if (!match) { return iso; }
    var parts = [];
    [[1, 'year'], [2, 'month'], [3, 'week'], [4, 'day']].forEach(function (unit) {
      var n = Number(match[unit[0]] || 0);
      if (n) { parts.push(form.t(unit[1] + (n === 1 ? '' : 's'), { n: n })); }
    });
    return parts.join(' ');
  }

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }

  function gpcOn() {
    return navigator.globalPrivacyControl === true;
  }

  function ConsentForm(form) {
    this.form = form;
    this.api = (form.getAttribute('data-api') || window.location.origin).replace(/\/$/, '');
    this.id = 'cv' + (++counter);
    this.purposes = [];
    this.inputs = {};
    this.boxes = {};
    this.errors = {};
    this.idempotencyKey = null;
    this.receipt = null;
    // the language the page shows the form in: every string, the catalogue and the receipt follow it
    var shownIn = form.closest('[lang]');
    this.lang = languageOf(shownIn && shownIn.getAttribute('lang'));
  }

  /** A string in the form's language, its {placeholders} filled in. */
  ConsentForm.prototype.t = function (key, params) {
    var text = STRINGS[this.lang][key] || STRINGS.en[key];
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return params && params[name] != null ? String(params[name]) : all;
    });
  };

  /** The locale dates are written in: the browser's own when it speaks the form's language. */
  ConsentForm.prototype.dateLocale = function () {
    var browser = navigator.language || '';
    return languageOf(browser) === this.lang ? browser : this.lang;
  };

  /** A list in the form's language ("a, b" or "a、b"). */
  ConsentForm.prototype.list = function (items) {
    return items.join(this.lang === 'zh-CN' ? '、' : ', ');
  };

  ConsentForm.prototype.start = function () {
    var self = this;
    this.status = el('p', { class: 'cv-status', role: 'status', 'aria-live': 'polite' });
    this.form.appendChild(this.status);
    this.form.setAttribute('novalidate', true);
    this.say(this.t('loading'));
    return fetch(this.api + '/v1/purposes?locale=' + encodeURIComponent(this.lang), { headers: { accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) { throw new Error('catalogue ' + response.status); }
        return response.json();
      })
      .then(function (catalogue) {
        var wanted = (self.form.getAttribute('data-purposes') || '').split(',').map(function (s) { return s.trim(); })
          .filter(Boolean);
        self.purposes = catalogue.purposes.filter(function (p) { return !wanted.length || wanted.indexOf(p.id) >= 0; });
        // the language the catalogue answered in: what the person is shown, and what the receipt records
        self.shownLocale = catalogue.locale || 'en';
        var version = self.form.getAttribute('data-notice-version');
        self.notice = (catalogue.notices || []).filter(function (n) { return n.version === version; })[0] || null;
        // the age of digital consent the page's jurisdiction sets, if any (or the fallback's)
        var codes = catalogue.jurisdictions || {};
        var rule = codes[self.jurisdiction()] || codes[catalogue.fallbackJurisdiction];
        self.age = rule && rule.ageOfConsent
          ? { years: rule.ageOfConsent, saleOrSharingOnly: rule.ageAppliesTo === 'sale-or-sharing' }
          : null;
        // where the law asks for a separate consent (PIPL): purposes that give data to others or handle sensitive data
        self.separateConsent = !!(rule && rule.separateConsent);
        self.render();
        self.say('');
        var stored = self.stored();
        if (stored) { self.load(stored.receiptId, stored.receiptToken); }
      })
      .catch(function () {
        self.say(self.t('loadFailed'));
      });
  };

  ConsentForm.prototype.jurisdiction = function () {
    return this.form.getAttribute('data-jurisdiction') || 'EU';
  };

  /** Whether a ticked purpose needs the age attestation (in California: sale/sharing only). */
  ConsentForm.prototype.ageAsked = function () {
    var self = this;
    return !!this.age && this.purposes.some(function (p) {
      return self.boxes[p.id].checked && (!self.age.saleOrSharingOnly || p.saleOrSharing);
    });
  };

  /** Whether a purpose needs a separate consent beside its tick here (PIPL Arts. 23, 29, 39). */
  ConsentForm.prototype.needsSeparate = function (purpose) {
    return this.separateConsent && (purpose.thirdParties.length > 0 || (purpose.sensitiveData || []).length > 0);
  };

  ConsentForm.prototype.say = function (message) {
    this.status.textContent = message;
  };

  ConsentForm.prototype.render = function () {
    var self = this;
    var intro = el('p', { class: 'cv-intro', text: this.t('intro') });
    var noticeBlock = this.notice && this.notice.text
      ? el('div', { class: 'cv-notice', lang: this.notice.locale }, [
        el('p', { class: 'cv-notice-title', text: this.t('notice', { version: this.notice.version }) }),
        el('p', { class: 'cv-notice-text', text: this.notice.text })
      ])
      : null;
    this.separateBoxes = {};
    var purposeSet = el('fieldset', { class: 'cv-purposes' }, [el('legend', { text: this.t('purposesLegend') })]);
    if (gpcOn()) {
      purposeSet.appendChild(el('p', { class: 'cv-gpc', id: this.id + '-gpc', text: this.t('gpcNote') }));
    }
    this.purposes.forEach(function (purpose) {
      var boxId = self.id + '-purpose-' + purpose.id;
      var detailsId = boxId + '-details';
      var refusedByGpc = purpose.saleOrSharing && gpcOn();
      var box = el('input', {
        type: 'checkbox', id: boxId, name: 'purpose', value: purpose.id,
        // an error (when there is one) is read before the facts
        'aria-describedby': boxId + '-error ' + detailsId + (refusedByGpc ? ' ' + self.id + '-gpc' : ''),
        disabled: refusedByGpc
      });
      box.addEventListener('change', function () { self.syncFields(); });
      self.boxes[purpose.id] = box;
      var facts = [];
      facts.push(purpose.dataNeeded.length
        ? self.t('keep', { list: self.list(purpose.dataNeeded.map(function (f) { return self.t(field(f).data); })) })
        : self.t('keepNothing'));
      facts.push(self.t('retention', { period: retentionText(self, purpose.retention) }));
      facts.push(purpose.thirdParties.length ? self.t('sharedWith', { list: self.list(purpose.thirdParties) }) : self.t('sharedWithNone'));
      if (purpose.saleOrSharing) {
        facts.push(refusedByGpc ? self.t('gpcOff') : self.t('saleOrSharing'));
      }
      var error = el('p', { class: 'cv-error', id: boxId + '-error', hidden: true });
      self.errors['purposes.' + purpose.id] = { node: error, input: box };
      purposeSet.appendChild(el('div', { class: 'cv-purpose' + (refusedByGpc ? ' cv-refused' : '') }, [
        box,
        el('label', { for: boxId, text: purpose.description }),
        el('p', { class: 'cv-facts', id: detailsId, text: facts.join(self.lang === 'zh-CN' ? '' : ' ') }),
        error
      ]));
      if (self.needsSeparate(purpose) && !refusedByGpc) {
        // its own box, unticked, beside the purpose's: a separate, explicit consent naming who gets the data
        var separateId = boxId + '-separate';
        var recipients = purpose.recipients && purpose.recipients.length
          ? purpose.recipients.map(function (r) {
            return self.t('recipient', { name: r.name, location: r.location, contact: r.contact });
          })
          : purpose.thirdParties;
        var code = self.jurisdiction().split('-')[0];
        var abroad = !purpose.recipients || purpose.recipients.some(function (r) { return r.location !== code; });
        var why = (purpose.sensitiveData || []).length
          ? self.t('separateSensitive', { list: self.list(purpose.sensitiveData.map(function (f) { return self.t(field(f).data); })) })
          : abroad && purpose.thirdParties.length
            ? self.t('separateAbroad', { country: (COUNTRY[code] || {})[self.lang] || code })
            : self.t('separateHere');
        var separate = el('input', { type: 'checkbox', id: separateId, 'aria-describedby': separateId + '-why', disabled: true });
        separate.addEventListener('change', function () { self.idempotencyKey = null; });
        self.separateBoxes[purpose.id] = separate;
        purposeSet.appendChild(el('div', { class: 'cv-separate' }, [
          separate,
          el('label', { for: separateId, text: purpose.thirdParties.length
            ? self.t('separate', { list: self.list(recipients) }) : self.t('separateHere') }),
          el('p', { class: 'cv-hint', id: separateId + '-why', text: why })
        ]));
      }
    });

    // "I am N or older": a yes/no, never a birth date (collect only what is needed)
    var ageBlock = null;
    if (this.age) {
      var ageId = this.id + '-age';
      this.ageBox = el('input', { type: 'checkbox', id: ageId, 'aria-describedby': ageId + '-error ' + ageId + '-why' });
      this.ageBox.addEventListener('change', function () { self.idempotencyKey = null; });
      var ageError = el('p', { class: 'cv-error', id: ageId + '-error', hidden: true });
      this.errors.ageConfirmed = { node: ageError, input: this.ageBox };
      ageBlock = el('div', { class: 'cv-age' }, [
        this.ageBox,
        el('label', { for: ageId, text: this.t('ageLabel', { n: this.age.years }) }),
        el('p', { class: 'cv-hint', id: ageId + '-why',
          text: this.t(this.age.saleOrSharingOnly ? 'ageWhySale' : 'ageWhy', { n: this.age.years }) }),
        ageError
      ]);
    }

    var fieldSet = el('fieldset', { class: 'cv-fields' }, [el('legend', { text: this.t('detailsLegend') })]);
    FIELDS.forEach(function (field) {
      if (!self.purposes.some(function (p) { return p.dataNeeded.indexOf(field.name) >= 0; })) { return; }
      var inputId = self.id + '-' + field.name;
      var hintId = inputId + '-hint';
      var input = el('input', {
        type: field.type, id: inputId, name: field.name, autocomplete: field.autocomplete,
        'aria-describedby': inputId + '-error ' + hintId, disabled: true
      });
      // a changed form is a new request: a new idempotency key (see syncFields)
      input.addEventListener('input', function () { self.idempotencyKey = null; });
      var error = el('p', { class: 'cv-error', id: inputId + '-error', hidden: true });
      self.inputs[field.name] = { input: input, hint: el('p', { class: 'cv-hint', id: hintId }) };
      self.errors['subject.' + field.name] = { node: error, input: input };
      fieldSet.appendChild(el('div', { class: 'cv-field' }, [
        el('label', { for: inputId, text: self.t(field.label) }), input, self.inputs[field.name].hint, error
      ]));
    });

    var remember = el('input', { type: 'checkbox', id: this.id + '-remember' });
    this.remember = remember;
    var submit = el('button', { type: 'submit', class: 'cv-submit', text: this.t('submit') });
    this.submitButton = submit;
    this.formError = el('p', { class: 'cv-error cv-form-error', role: 'alert', hidden: true });
    var body = el('div', { class: 'cv-body' }, [
      noticeBlock, intro, purposeSet, ageBlock, fieldSet,
      el('div', { class: 'cv-remember' }, [remember,
        el('label', { for: remember.id, text: this.t('remember') })]),
      this.formError, submit
    ]);
    this.body = body;
    this.form.insertBefore(body, this.status);
    this.receiptPanel = el('section', { class: 'cv-receipt', 'aria-labelledby': this.id + '-receipt-title', hidden: true });
    this.form.parentNode.insertBefore(this.receiptPanel, this.form.nextSibling);
    this.form.addEventListener('submit', function (event) {
      event.preventDefault();
      self.submit();
    });
    this.syncFields();
  };

  /** A field is enabled only while a ticked purpose needs it: nothing unasked-for is collected. */
  ConsentForm.prototype.syncFields = function () {
    var self = this;
    Object.keys(this.inputs).forEach(function (name) {
      var needing = self.purposes.filter(function (p) { return self.boxes[p.id].checked && p.dataNeeded.indexOf(name) >= 0; });
      var entry = self.inputs[name];
      entry.input.disabled = needing.length === 0;
      entry.input.required = needing.length > 0;
      entry.hint.textContent = needing.length
        ? self.t('neededFor', { list: needing.map(function (p) { return p.description; }).join(' ') })
        : self.t('notNeeded');
    });
    // a separate consent can only be given beside its purpose's tick
    Object.keys(this.separateBoxes || {}).forEach(function (id) {
      var separate = self.separateBoxes[id];
      separate.disabled = !self.boxes[id].checked;
      if (separate.disabled) { separate.checked = false; }
    });
    // the idempotency key belongs to one request: a changed form is a new request
    this.idempotencyKey = null;
  };

  ConsentForm.prototype.clearErrors = function () {
    var self = this;
    Object.keys(this.errors).forEach(function (key) {
      self.errors[key].node.hidden = true;
      self.errors[key].node.textContent = '';
      self.errors[key].input.removeAttribute('aria-invalid');
    });
    this.formError.hidden = true;
  };

  ConsentForm.prototype.showErrors = function (problem) {
    var self = this;
    var first = null;
    var unplaced = [];
    var stop = this.shownLocale === 'zh-CN' ? '。' : '.';
    (problem.errors || []).forEach(function (error) {
      var target = self.errors[error.field];
      if (target) {
        target.node.textContent = error.message.charAt(0).toUpperCase() + error.message.slice(1) + stop;
        target.node.hidden = false;
        target.input.setAttribute('aria-invalid', 'true');
        first = first || target.input;
      } else {
        unplaced.push(error.field + ' ' + error.message);
      }
    });
    if (!problem.errors || unplaced.length) {
      this.formError.textContent = (problem.detail || this.t('somethingWrong')) + (unplaced.length ? ' ' + unplaced.join('; ') + stop : '');
      this.formError.hidden = false;
    }
    var count = problem.errors ? problem.errors.length : 1;
    this.say(this.t(count === 1 ? 'toFix' : 'toFixMany', { n: count }));
    if (first) { first.focus(); }
  };

  ConsentForm.prototype.payload = function () {
    var self = this;
    var purposes = {};
    var subject = {};
    this.purposes.forEach(function (p) { purposes[p.id] = self.boxes[p.id].checked; });
    Object.keys(this.inputs).forEach(function (name) {
      var input = self.inputs[name].input;
      if (!input.disabled && input.value.trim()) { subject[name] = input.value.trim(); }
    });
    var body = {
      purposes: purposes,
      noticeVersion: this.form.getAttribute('data-notice-version'),
      source: { page: this.form.getAttribute('data-page') },
      jurisdiction: this.jurisdiction()
    };
    if (this.ageAsked()) { body.ageConfirmed = this.ageBox.checked; }
    var separateConsents = {};
    Object.keys(this.separateBoxes).forEach(function (id) {
      if (self.boxes[id].checked) { separateConsents[id] = self.separateBoxes[id].checked; }
    });
    if (Object.keys(separateConsents).length) { body.separateConsents = separateConsents; }
    if (Object.keys(subject).length) { body.subject = subject; }
    if (this.form.getAttribute('data-campaign')) { body.source.campaign = this.form.getAttribute('data-campaign'); }
    // the language the texts were shown in (the catalogue's answer): the receipt records it
    body.locale = this.shownLocale;
    return body;
  };

  /** POSTs JSON to the API; resolves with the status and the parsed answer (every answer is JSON). */
  ConsentForm.prototype.post = function (path, headers, body) {
    // the API explains a refusal's fields in the language the form is shown in
    var all = { 'content-type': 'application/json', 'accept-language': this.shownLocale || 'en' };
    Object.keys(headers).forEach(function (name) { all[name] = headers[name]; });
    return fetch(this.api + path, { method: 'POST', headers: all, body: JSON.stringify(body) })
      .then(function (response) {
        return response.json().then(function (json) { return { status: response.status, json: json }; });
      });
  };

  ConsentForm.prototype.submit = function () {
    var self = this;
    this.clearErrors();
    var chosen = this.purposes.filter(function (p) { return self.boxes[p.id].checked; });
    if (!chosen.length) {
      // a sign-up that agrees to nothing is no sign-up: nothing is sent, and the page says so
      this.formError.textContent = this.t('nothingTicked');
      this.formError.hidden = false;
      this.say(this.t('nothingSent'));
      var first = this.purposes.map(function (p) { return self.boxes[p.id]; }).filter(function (b) { return !b.disabled; })[0];
      if (first) { first.focus(); }
      return;
    }
    if (this.ageAsked() && !this.ageBox.checked) {
      // someone under the age cannot consent alone: nothing about them is sent at all
      this.errors.ageConfirmed.node.textContent = this.t('underAge', { n: this.age.years });
      this.errors.ageConfirmed.node.hidden = false;
      this.ageBox.setAttribute('aria-invalid', 'true');
      this.say(this.t('nothingSent'));
      this.ageBox.focus();
      return;
    }
    this.idempotencyKey = this.idempotencyKey || uuid();
    this.submitButton.disabled = true;
    this.say(this.t('sending'));
    this.post('/v1/consents', { 'idempotency-key': this.idempotencyKey }, this.payload()).then(function (result) {
      self.submitButton.disabled = false;
      // 202: the service is very busy and holds the sign-up to record it within moments
      if (result.status !== 201 && result.status !== 202) {
        self.showErrors(result.json);
        return;
      }
      self.idempotencyKey = null;
      if (self.remember.checked) {
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify({
          receiptId: result.json.receiptId, receiptToken: result.json.receiptToken
        }));
      }
      self.token = result.json.receiptToken;
      self.say('');
      self.body.hidden = true;
      var pending = (result.json.pendingConfirmations || []).length > 0;
      self.showReceipt(result.json, result.status === 202
        ? self.t('signedUpHeld') + (pending ? ' ' + self.t('signedUpPending') : '')
        : pending ? self.t('signedUpPending') : self.t('signedUp'));
    }).catch(function () {
      self.submitButton.disabled = false;
      self.formError.textContent = self.t('unreachable');
      self.formError.hidden = false;
      self.say(self.t('notSent'));
    });
  };

  ConsentForm.prototype.stored = function () {
    try {
      return JSON.parse(window.localStorage.getItem(STORAGE_KEY) || 'null');
    } catch (e) {
      return null;
    }
  };

  ConsentForm.prototype.load = function (receiptId, token) {
    var self = this;
    this.token = token;
    return fetch(this.api + '/v1/receipts/' + encodeURIComponent(receiptId), { headers: { authorization: 'Bearer ' + token } })
      .then(function (response) {
        if (response.status === 404) {
          window.localStorage.removeItem(STORAGE_KEY);
          return;
        }
        if (!response.ok) { throw new Error('receipt ' + response.status); }
        return response.json().then(function (receipt) {
          var again = receipt.purposes.filter(function (p) { return p.reconsentRequired; });
          // a material change of the notice: the receipt says so, and the form asks again
          self.body.hidden = again.length === 0;
          self.showReceipt(receipt, again.length
            ? self.t('reconsent', { list: self.list(again.map(function (p) { return p.description.replace(/[.。]$/, ''); })) })
            : self.t('welcomeBack'));
        });
      })
      .catch(function () {
        self.say(self.t('savedFailed'));
      });
  };

  ConsentForm.prototype.showReceipt = function (receipt, message) {
    var self = this;
    this.receipt = receipt;
    var panel = this.receiptPanel;
    panel.textContent = '';
    var title = el('h2', { id: this.id + '-receipt-title', tabindex: '-1', text: this.t('receiptTitle') });
    panel.appendChild(title);
    panel.appendChild(el('p', { class: 'cv-receipt-message', text: message }));
    var meta = el('dl', { class: 'cv-receipt-meta' });
    [[this.t('receiptId'), receipt.receiptId, 'cv-id'], [this.t('date'), new Date(receipt.timestamp).toLocaleString(this.dateLocale())],
      [this.t('controller'), receipt.controller.name + ' (' + receipt.controller.contact + ')']].forEach(function (row) {
      meta.appendChild(el('dt', { text: row[0] }));
      meta.appendChild(el('dd', { text: row[1], class: row[2] }));
    });
    Object.keys(receipt.piiPrincipal || {}).forEach(function (name) {
      meta.appendChild(el('dt', { text: self.t(field(name).principal) }));
      meta.appendChild(el('dd', { text: receipt.piiPrincipal[name] }));
    });
    panel.appendChild(meta);
    var list = el('ul', { class: 'cv-receipt-purposes' });
    receipt.purposes.forEach(function (p) {
      var status = STRINGS.en[p.status] ? self.t(p.status) : p.status;
      var item = el('li', { 'data-purpose': p.purposeId, 'data-status': p.status }, [
        el('strong', { text: status + ': ' }),
        document.createTextNode(p.description + ' ')
      ]);
      var reason = p.reasonText;
      if (!reason && p.status === 'REFUSED' && p.saleOrSharing && receipt.globalPrivacyControl) {
        // the box was switched off by GPC, so the API was never asked to grant it and gives no reason
        reason = self.t('gpcReason');
      }
      if (reason) {
        item.appendChild(el('span', { class: 'cv-reason', text: reason }));
      }
      if (p.status === 'GRANTED' || p.status === 'PENDING_CONFIRMATION') {
        var button = el('button', { type: 'button', class: 'cv-withdraw', text: self.t('withdraw') });
        button.setAttribute('aria-label', self.t('withdrawLabel', { purpose: p.description }));
        button.addEventListener('click', function () { self.withdraw([p.purposeId]); });
        item.appendChild(button);
      }
      list.appendChild(item);
    });
    panel.appendChild(list);
    (receipt.pendingConfirmations || []).forEach(function (pending) {
      var box = el('div', { class: 'cv-pending', 'data-channel': pending.channel }, [
        el('p', { class: 'cv-check-inbox', text: pending.notice })
      ]);
      if (pending.channel === 'sms') {
        var codeId = self.id + '-sms-code';
        var input = el('input', { id: codeId, class: 'cv-code', inputmode: 'numeric', autocomplete: 'one-time-code',
          maxlength: '6', pattern: '[0-9]{6}' });
        var confirm = el('button', { type: 'button', class: 'cv-confirm-code', text: self.t('confirmCode') });
        confirm.addEventListener('click', function () { self.confirmCode(input.value.trim()); });
        box.appendChild(el('label', { for: codeId, text: self.t('codeLabel') }));
        box.appendChild(input);
        box.appendChild(confirm);
      }
      panel.appendChild(box);
    });
    var actions = el('div', { class: 'cv-actions' });
    if (receipt.purposes.some(function (p) { return p.status === 'GRANTED' || p.status === 'PENDING_CONFIRMATION'; })) {
      var all = el('button', { type: 'button', class: 'cv-withdraw-all', text: this.t('withdrawAll') });
      all.addEventListener('click', function () { self.withdraw(null); });
      actions.appendChild(all);
    }
    var erase = el('button', { type: 'button', class: 'cv-delete', text: this.t('deleteData') });
    erase.addEventListener('click', function () { self.requestDeletion(); });
    actions.appendChild(erase);
    if (this.stored()) {
      var forget = el('button', { type: 'button', class: 'cv-forget', text: this.t('forget') });
      forget.addEventListener('click', function () {
        window.localStorage.removeItem(STORAGE_KEY);
        forget.remove();
        self.say(self.t('forgotten'));
      });
      actions.appendChild(forget);
    }
    panel.appendChild(actions);
    this.outcome = el('p', { class: 'cv-outcome', role: 'status', 'aria-live': 'polite' });
    panel.appendChild(this.outcome);
    panel.hidden = false;
    title.focus();
  };

  ConsentForm.prototype.withdraw = function (purposeIds) {
    var self = this;
    this.post('/v1/receipts/' + encodeURIComponent(this.receipt.receiptId) + '/withdrawals',
      { authorization: 'Bearer ' + this.token }, purposeIds ? { purposes: purposeIds } : {}).then(function (result) {
      if (result.status !== 200) {
        self.outcome.textContent = result.json.detail || self.t('withdrawFailed');
        return;
      }
      self.showReceipt(result.json, self.t('withdrawn'));
    }).catch(function () {
      self.outcome.textContent = self.t('withdrawUnreachable');
    });
  };

  /** Confirms the purposes waiting for an SMS with the code the person typed. */
  ConsentForm.prototype.confirmCode = function (code) {
    var self = this;
    if (!/^[0-9]{6}$/.test(code)) {
      this.outcome.textContent = this.t('codeFormat');
      return;
    }
    this.post('/v1/receipts/' + encodeURIComponent(this.receipt.receiptId) + '/confirmations',
      { authorization: 'Bearer ' + this.token }, { code: code }).then(function (result) {
      if (result.status === 200) {
        self.showReceipt(result.json, self.t('confirmed'));
      } else if (result.status === 423) {
        self.outcome.textContent = self.t('codeLocked');
      } else if (result.status === 404) {
        self.outcome.textContent = self.t('codeWrong');
      } else {
        self.outcome.textContent = result.json.detail || self.t('confirmFailed');
      }
    }).catch(function () {
      self.outcome.textContent = self.t('confirmUnreachable');
    });
  };

  ConsentForm.prototype.requestDeletion = function () {
    var self = this;
    this.post('/v1/privacy-requests', { authorization: 'Bearer ' + this.token },
      { type: 'deletion', receiptId: this.receipt.receiptId }).then(function (result) {
      if (result.status !== 202) {
        self.outcome.textContent = result.json.detail || self.t('requestFailed');
        return;
      }
      window.localStorage.removeItem(STORAGE_KEY);
      // everything is about to be erased: withdrawing or forgetting no longer applies
      Array.prototype.forEach.call(self.receiptPanel.querySelectorAll('button'), function (button) { button.remove(); });
      self.outcome.textContent = '';
      self.outcome.appendChild(document.createTextNode(self.t('deletionBefore')));
      self.outcome.appendChild(el('span', { class: 'cv-id', text: result.json.requestId }));
      self.outcome.appendChild(document.createTextNode(self.t('deletionAfter',
        { date: new Date(result.json.dueAt).toLocaleDateString(self.dateLocale()) })));
      self.outcome.setAttribute('data-request-id', result.json.requestId);
      // the button that had focus is gone: focus the answer, so it is read and the place is kept
      self.outcome.setAttribute('tabindex', '-1');
      self.outcome.focus();
    }).catch(function () {
      self.outcome.textContent = self.t('requestUnreachable');
    });
  };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-consent-vault]'), function (form) {
      new ConsentForm(form).start();
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
