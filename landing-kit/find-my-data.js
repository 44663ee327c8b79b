/*
 * Consent Vault landing-page kit: "Find my data", for a person who has no receipt token at hand.
 *
 *   <section data-find-my-data data-api="https://api.example.com" aria-labelledby="..."></section>
 *   <script src="find-my-data.js" defer></script>
 *
 * The person types their email address or mobile number; the API sends a one-time link (email) or
 * a 6-digit code (SMS) only if it holds anything under it, and answers the same either way. The
 * emailed link opens this page with its token after "#link=" (a fragment: never sent to a server);
 * the person presses "Show my data", which redeems it once for a 30-minute session, kept in this
 * page's memory only. With it: every receipt (masked), withdraw everything, download everything as
 * JSON, delete everything, sign out. No dependencies, no cookies, nothing stored in the browser.
 * It speaks the language of the lang attribute nearest the section (en, es, zh-CN, pt-BR; other
 * languages get English) and asks for the link's message in it. A page that is only this section
 * (the page emailed links open) marks it data-lang="auto" and data-brand="...": it then follows the
 * visitor, from the address's ?lang= (which emailed links carry), else the browser's languages,
 * else English, and sets <html lang>, the title and the [data-fmd-text] elements to match.
 */
(function () {
  'use strict';

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

  // Every string the page shows, per language (written for meaning, not word for word). The lang
  // attribute nearest the section picks one as consent.js does: its exact tag, else its language
  // (es-CL -> es, zh-Hant -> zh-CN, pt-PT -> pt-BR), else English. {n}, {id}, ... are filled in by t().
  var STRINGS = {
    en: {
      title: 'Find my data',
      pageHeading: 'Your data at {brand}', privacyNotice: 'Privacy notice', kitDemo: 'A demo of the Consent Vault landing-page kit',
      intro: 'Type the email address or mobile number you signed up with. If we hold anything under it, we send you a link (email) or a code (SMS) that works once, for 15 minutes. We answer the same either way, so nobody can use this page to find out whether you signed up.',
      askForm: 'Ask for a link or code', identifier: 'Email address or mobile number',
      identifierHint: 'A mobile number in international format, e.g. +34 600 000 000.',
      send: 'Send me a link or code', typeFirst: 'Type your email address or mobile number first.',
      badEmail: 'That does not look like an email address.',
      badPhone: 'That does not look like an international mobile number (+34 600 000 000).',
      ourSide: 'Something went wrong on our side. Please try again in a moment.',
      unreachable: 'We could not reach the service. Please try again in a moment.',
      inbox: 'Check your inbox',
      inboxText: 'If we hold data under this address, an email with a link is on its way. The link works once, for 15 minutes. It opens this page.',
      requestSent: 'Request sent.',
      codeTitle: 'Enter the code we texted you',
      codeText: 'If we hold data under this number, a text message with a 6-digit code is on its way. It works once, for 15 minutes.',
      codeForm: 'Enter the code', code: '6-digit code', show: 'Show my data',
      linkText: 'You opened your one-time link. Press the button to see what we hold about you; the link then stops working.',
      signedIn: 'Signed in for 30 minutes.',
      tooMany: 'Too many codes were tried for this number. Ask for a new code in {n} minutes.',
      tooManyLater: 'Too many codes were tried for this number. Ask for a new code later.',
      notValid: 'This link or code is not valid any more: it may be mistyped, used already or expired. Ask for a new one below.',
      ended: 'Your session has ended. Ask for a new link.',
      yours: 'Your data', none: 'We hold no consent records under this address or number.',
      somePage: 'a campaign page', receiptFrom: 'Receipt from {where}', signedUpOn: 'Signed up on {where}, {date}',
      receipt: 'Receipt {id}', holds: ' · holds {list}',
      statusLine: '{purpose}: {status}',
      GRANTED: 'agreed', PENDING_CONFIRMATION: 'waiting for your confirmation', REFUSED: 'not agreed', WITHDRAWN: 'withdrawn',
      download: 'Download all my data (JSON)', withdraw: 'Withdraw all my consent', erase: 'Delete everything', signOut: 'Sign out',
      withdrawn: 'Every consent is withdrawn.', withdrawFailed: 'The withdrawal failed; please try again.',
      signedOut: 'Signed out.', downloadFailed: 'The download failed; please try again.',
      downloaded: 'Your data is downloaded as {file} (access request {id}).',
      eraseFailed: 'The deletion request failed; please try again.', erasing: 'Deletion requested',
      erasingText: 'We are deleting everything we hold under this address or number, at the latest by {date}. Request {id}. We will tell you when it is done.',
      erasingSaid: 'Deletion requested.'
    },
    es: {
      title: 'Encontrar mis datos',
      pageHeading: 'Sus datos en {brand}', privacyNotice: 'Aviso de privacidad', kitDemo: 'Demostración del kit de páginas de campaña de Consent Vault',
      intro: 'Escriba el correo electrónico o el número de móvil con que se registró. Si tenemos datos asociados a él, le enviaremos un enlace (por correo) o un código (por SMS) que sirve una sola vez, durante 15 minutos. Respondemos lo mismo en ambos casos, para que nadie pueda usar esta página para averiguar si usted se registró.',
      askForm: 'Pedir un enlace o un código', identifier: 'Correo electrónico o número de móvil',
      identifierHint: 'El número de móvil en formato internacional, p. ej. +56 9 1234 5678.',
      send: 'Enviarme un enlace o un código', typeFirst: 'Primero escriba su correo electrónico o su número de móvil.',
      badEmail: 'Eso no parece un correo electrónico.',
      badPhone: 'Eso no parece un número de móvil en formato internacional (+56 9 1234 5678).',
      ourSide: 'Tuvimos un problema. Inténtelo de nuevo en un momento.',
      unreachable: 'No pudimos contactar con el servicio. Inténtelo de nuevo en un momento.',
      inbox: 'Revise su correo',
      inboxText: 'Si tenemos datos asociados a esta dirección, le llegará un correo con un enlace. El enlace sirve una sola vez, durante 15 minutos, y abre esta página.',
      requestSent: 'Solicitud enviada.',
      codeTitle: 'Escriba el código que le enviamos por SMS',
      codeText: 'Si tenemos datos asociados a este número, le llegará un SMS con un código de 6 dígitos. Sirve una sola vez, durante 15 minutos.',
      codeForm: 'Escribir el código', code: 'Código de 6 dígitos', show: 'Ver mis datos',
      linkText: 'Abrió su enlace de un solo uso. Pulse el botón para ver qué datos tenemos sobre usted; después, el enlace deja de funcionar.',
      signedIn: 'Sesión iniciada por 30 minutos.',
      tooMany: 'Se probaron demasiados códigos para este número. Pida un código nuevo dentro de {n} minutos.',
      tooManyLater: 'Se probaron demasiados códigos para este número. Pida un código nuevo más tarde.',
      notValid: 'Este enlace o código ya no es válido: puede estar mal escrito, ya usado o vencido. Pida uno nuevo aquí abajo.',
      ended: 'Su sesión terminó. Pida un enlace nuevo.',
      yours: 'Sus datos', none: 'No tenemos registros de consentimiento asociados a esta dirección o número.',
      somePage: 'una página de campaña', receiptFrom: 'Recibo de {where}', signedUpOn: 'Registro en {where}, {date}',
      receipt: 'Recibo {id}', holds: ' · contiene {list}',
      statusLine: '{purpose}: {status}',
      GRANTED: 'aceptado', PENDING_CONFIRMATION: 'pendiente de su confirmación', REFUSED: 'no aceptado', WITHDRAWN: 'retirado',
      download: 'Descargar todos mis datos (JSON)', withdraw: 'Retirar todo mi consentimiento', erase: 'Borrar todo', signOut: 'Cerrar sesión',
      withdrawn: 'Se retiró todo su consentimiento.', withdrawFailed: 'La retirada no se completó. Inténtelo de nuevo.',
      signedOut: 'Sesión cerrada.', downloadFailed: 'La descarga no se completó. Inténtelo de nuevo.',
      downloaded: 'Sus datos se descargaron como {file} (solicitud de acceso {id}).',
      eraseFailed: 'La solicitud de borrado no se completó. Inténtelo de nuevo.', erasing: 'Borrado solicitado',
      erasingText: 'Estamos borrando todo lo que tenemos asociado a esta dirección o número, a más tardar el {date}. Solicitud {id}. Le avisaremos cuando esté hecho.',
      erasingSaid: 'Borrado solicitado.'
    },
    'zh-CN': {
      title: '查找我的数据',
      pageHeading: '您在{brand}的数据', privacyNotice: '隐私声明', kitDemo: 'Consent Vault 活动落地页工具包演示',
      intro: '请输入您注册时使用的电子邮箱或手机号码。如果我们保存有与之相关的信息，会向您发送一个链接（电子邮件）或验证码（短信），仅可使用一次，15 分钟内有效。无论是否查到，我们的答复都相同，因此任何人都无法借助本页查出您是否注册过。',
      askForm: '获取链接或验证码', identifier: '电子邮箱或手机号码',
      identifierHint: '手机号码请使用国际格式，例如 +86 139 1234 5678。',
      send: '向我发送链接或验证码', typeFirst: '请先输入您的电子邮箱或手机号码。',
      badEmail: '这似乎不是有效的电子邮箱地址。',
      badPhone: '这似乎不是国际格式的手机号码（+86 139 1234 5678）。',
      ourSide: '我们这边出现了问题，请稍后再试。',
      unreachable: '无法连接服务，请稍后再试。',
      inbox: '请查收邮件',
      inboxText: '如果我们保存有与此邮箱相关的信息，一封附有链接的邮件正在发送中。该链接仅可使用一次，15 分钟内有效，点击后将打开本页。',
      requestSent: '请求已发送。',
      codeTitle: '请输入短信验证码',
      codeText: '如果我们保存有与此号码相关的信息，一条含 6 位验证码的短信正在发送中。验证码仅可使用一次，15 分钟内有效。',
      codeForm: '输入验证码', code: '6 位验证码', show: '查看我的数据',
      linkText: '您已打开一次性链接。点击下方按钮即可查看我们保存的您的信息；此后该链接即失效。',
      signedIn: '已登录，30 分钟内有效。',
      tooMany: '此号码的验证码尝试次数过多。请在 {n} 分钟后重新获取验证码。',
      tooManyLater: '此号码的验证码尝试次数过多。请稍后重新获取验证码。',
      notValid: '此链接或验证码已失效：可能输入有误、已被使用或已过期。请在下方重新获取。',
      ended: '您的会话已结束。请重新获取链接。',
      yours: '您的数据', none: '我们没有保存与此邮箱或号码相关的同意记录。',
      somePage: '活动页面', receiptFrom: '回执（{where}）', signedUpOn: '{date} 注册（{where}）',
      receipt: '回执编号 {id}', holds: ' · 保存的信息：{list}',
      statusLine: '{purpose}：{status}',
      GRANTED: '已同意', PENDING_CONFIRMATION: '等待您的确认', REFUSED: '未同意', WITHDRAWN: '已撤回',
      download: '下载我的全部数据（JSON）', withdraw: '撤回我的全部同意', erase: '全部删除', signOut: '退出登录',
      withdrawn: '您的全部同意均已撤回。', withdrawFailed: '撤回未成功，请重试。',
      signedOut: '已退出登录。', downloadFailed: '下载未成功，请重试。',
      downloaded: '您的数据已下载为 {file}（查阅请求编号 {id}）。',
      eraseFailed: '删除请求未成功，请重试。', erasing: '已提交删除请求',
      erasingText: '我们正在删除与此邮箱或号码相关的全部信息，最迟于 {date} 完成。请求编号 {id}。删除完成后我们会通知您。',
      erasingSaid: '已提交删除请求。'
    },
    'pt-BR': {
      title: 'Encontrar meus dados',
      pageHeading: 'Seus dados em {brand}', privacyNotice: 'Aviso de privacidade', kitDemo: 'Demonstração do kit de páginas de campanha do Consent Vault',
      intro: 'Digite o e-mail ou o número de celular que você usou no cadastro. Se tivermos algo vinculado a ele, enviaremos um link (por e-mail) ou um código (por SMS) que vale uma única vez, por 15 minutos. A resposta é a mesma nos dois casos, para que ninguém possa usar esta página para descobrir se você se cadastrou.',
      askForm: 'Pedir um link ou código', identifier: 'E-mail ou número de celular',
      identifierHint: 'O celular no formato internacional, ex.: +55 11 91234 5678.',
      send: 'Enviar um link ou código', typeFirst: 'Primeiro digite seu e-mail ou número de celular.',
      badEmail: 'Isso não parece um endereço de e-mail.',
      badPhone: 'Isso não parece um número de celular no formato internacional (+55 11 91234 5678).',
      ourSide: 'Algo deu errado do nosso lado. Tente novamente daqui a pouco.',
      unreachable: 'Não conseguimos falar com o serviço. Tente novamente daqui a pouco.',
      inbox: 'Confira seu e-mail',
      inboxText: 'Se tivermos dados vinculados a este endereço, um e-mail com um link está a caminho. O link vale uma única vez, por 15 minutos, e abre esta página.',
      requestSent: 'Solicitação enviada.',
      codeTitle: 'Digite o código que enviamos por SMS',
      codeText: 'Se tivermos dados vinculados a este número, um SMS com um código de 6 dígitos está a caminho. Ele vale uma única vez, por 15 minutos.',
      codeForm: 'Digitar o código', code: 'Código de 6 dígitos', show: 'Ver meus dados',
      linkText: 'Você abriu seu link de uso único. Toque no botão para ver o que temos sobre você; depois disso, o link deixa de funcionar.',
      signedIn: 'Você entrou por 30 minutos.',
      tooMany: 'Foram tentados códigos demais para este número. Peça um novo código daqui a {n} minutos.',
      tooManyLater: 'Foram tentados códigos demais para este número. Peça um novo código mais tarde.',
      notValid: 'Este link ou código não é mais válido: pode ter sido digitado errado, já usado ou expirado. Peça um novo abaixo.',
      ended: 'Sua sessão terminou. Peça um novo link.',
      yours: 'Seus dados', none: 'Não temos registros de consentimento vinculados a este endereço ou número.',
      somePage: 'uma página de campanha', receiptFrom: 'Recibo de {where}', signedUpOn: 'Cadastro em {where}, {date}',
      receipt: 'Recibo {id}', holds: ' · contém {list}',
      statusLine: '{purpose}: {status}',
      GRANTED: 'aceito', PENDING_CONFIRMATION: 'aguardando sua confirmação', REFUSED: 'não aceito', WITHDRAWN: 'retirado',
      download: 'Baixar todos os meus dados (JSON)', withdraw: 'Retirar todo o meu consentimento', erase: 'Apagar tudo', signOut: 'Sair',
      withdrawn: 'Todo o seu consentimento foi retirado.', withdrawFailed: 'A retirada não foi concluída. Tente novamente.',
      signedOut: 'Você saiu.', downloadFailed: 'O download não foi concluído. Tente novamente.',
      downloaded: 'Seus dados foram baixados como {file} (solicitação de acesso {id}).',
      eraseFailed: 'A solicitação de exclusão não foi concluída. Tente novamente.', erasing: 'Exclusão solicitada',
      erasingText: 'Estamos apagando tudo o que temos vinculado a este endereço ou número, até, no máximo, {date}. Solicitação {id}. Avisaremos você quando terminar.',
      erasingSaid: 'Exclusão solicitada.'
    }
  };
  var LANGUAGES = Object.keys(STRINGS);

  /** The supported language of a BCP 47 tag: exact (any case), else its first subtag's, else none. */
  function matchLanguage(tag) {
    var wanted = String(tag || '').toLowerCase();
    var same = function (candidate) { return candidate.toLowerCase() === wanted; };
    var sameLanguage = function (candidate) { return candidate.split('-')[0].toLowerCase() === wanted.split('-')[0]; };
    return LANGUAGES.filter(same)[0] || LANGUAGES.filter(sameLanguage)[0] || null;
  }

  /** As matchLanguage, English when none. */
  function pickLanguage(tag) {
    return matchLanguage(tag) || 'en';
  }

  /**
   * The visitor's language, for a page that follows it (data-lang="auto"): the "lang" of the
   * address (the emailed link names the language its message was written in), else the first of
   * the browser's languages we speak, else English.
   */
  function visitorLanguage() {
    var asked = new URLSearchParams(window.location.search).get('lang');
    var wanted = [asked].concat(Array.prototype.slice.call(navigator.languages || [navigator.language]));
    for (var i = 0; i < wanted.length; i++) {
      var found = wanted[i] && matchLanguage(wanted[i]);
      if (found) { return found; }
    }
    return 'en';
  }

  function FindMyData(root) {
    this.root = root;
    this.api = (root.getAttribute('data-api') || window.location.origin).replace(/\/$/, '');
    this.session = null;
    // the language the page shows this section in: every string and the access link's message follow it
    if (root.getAttribute('data-lang') === 'auto') {
      this.lang = visitorLanguage();
      this.followVisitor();
    } else {
      var shownIn = root.closest('[lang]');
      this.lang = pickLanguage(shownIn && shownIn.getAttribute('lang'));
    }
    this.status = el('p', { role: 'status', class: 'fmd-status' });
    this.body = el('div');
    root.appendChild(this.status);
    root.appendChild(this.body);
    var self = this;
    if (!this.takeLink()) { this.showAsk(); }
    // a link opened in a tab already showing this page changes only the fragment
    window.addEventListener('hashchange', function () { self.takeLink(); });
  }

  /**
   * A page that follows the visitor's language says so to screen readers (html lang) and shows its
   * own words in it: each element marked data-fmd-text="key" (data-brand fills {brand}), the
   * title and the section's label.
   */
  FindMyData.prototype.followVisitor = function () {
    var self = this;
    document.documentElement.setAttribute('lang', this.lang);
    Array.prototype.forEach.call(document.querySelectorAll('[data-fmd-text]'), function (node) {
      node.textContent = self.t(node.getAttribute('data-fmd-text'), { brand: node.getAttribute('data-brand') || '' });
    });
    var brand = this.root.getAttribute('data-brand');
    document.title = brand ? this.t('title') + ' | ' + brand : this.t('title');
    this.root.setAttribute('aria-label', this.t('title'));
  };

  /** Shows the "Show my data" button for a link's token in the fragment; false when there is none. */
  FindMyData.prototype.takeLink = function () {
    var match = /(?:^#|&)link=([A-Za-z0-9_-]{43})(?:&|$)/.exec(window.location.hash);
    if (!match) { return false; }
    // the token leaves the address bar (and history) at once; it lives in memory until used
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    this.session = null;
    this.say('');
    this.showRedeemLink(match[1]);
    return true;
  };

  /** A string in the section's language, its {placeholders} filled in. */
  FindMyData.prototype.t = function (key, params) {
    var text = STRINGS[this.lang][key] || STRINGS.en[key];
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return params && params[name] != null ? String(params[name]) : all;
    });
  };

  /** An ISO instant's UTC day, written the way the section's language writes dates. */
  FindMyData.prototype.day = function (iso) {
    return new Date(iso).toLocaleDateString(this.lang, { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
  };

  FindMyData.prototype.say = function (text) {
    this.status.textContent = text;
  };

  FindMyData.prototype.call = function (method, path, body) {
    var headers = { accept: 'application/json' };
    if (body !== undefined) { headers['content-type'] = 'application/json'; }
    if (this.session) { headers.authorization = 'Bearer ' + this.session; }
    return fetch(this.api + path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (response) {
        var retryAfter = Number(response.headers.get('retry-after')) || 0;
        if (response.status === 204) { return { status: 204, json: null }; }
        return response.json().then(function (json) { return { status: response.status, json: json, retryAfter: retryAfter }; },
          function () { return { status: response.status, json: null, retryAfter: retryAfter }; });
      });
  };

  FindMyData.prototype.heading = function (text) {
    var h = el('h2', { text: text, tabindex: '-1' });
    this.body.appendChild(h);
    return h;
  };

  FindMyData.prototype.clear = function () {
    this.body.textContent = '';
  };

  FindMyData.prototype.showAsk = function (message) {
    var self = this;
    this.clear();
    var h = this.heading(this.t('title'));
    this.body.appendChild(el('p', { text: this.t('intro') }));
    var form = el('form', { 'aria-label': this.t('askForm'), novalidate: true });
    var input = el('input', { id: 'fmd-identifier', name: 'identifier', type: 'text', autocomplete: 'email', required: true, 'aria-describedby': 'fmd-identifier-hint' });
    form.appendChild(el('div', { class: 'fmd-field' }, [
      el('label', { for: 'fmd-identifier', text: this.t('identifier') }),
      el('p', { id: 'fmd-identifier-hint', class: 'fmd-hint', text: this.t('identifierHint') }),
      input
    ]));
    form.appendChild(el('button', { type: 'submit', class: 'fmd-primary', text: this.t('send') }));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var value = input.value.trim();
      if (!value) {
        input.setAttribute('aria-invalid', 'true');
        self.say(self.t('typeFirst'));
        input.focus();
        return;
      }
      var isEmail = value.indexOf('@') >= 0;
      var body = isEmail ? { email: value, locale: self.lang } : { phone: value, locale: self.lang };
      self.call('POST', '/v1/access-links', body).then(function (answer) {
        if (answer.status === 202) {
          if (isEmail) {
            self.showSent();
          } else {
            self.showCode(value);
          }
        } else if (answer.status === 400) {
          input.setAttribute('aria-invalid', 'true');
          self.say(self.t(isEmail ? 'badEmail' : 'badPhone'));
          input.focus();
        } else {
          self.say(self.t('ourSide'));
        }
      }, function () { self.say(self.t('unreachable')); });
    });
    this.body.appendChild(form);
    if (message) { this.say(message); }
    if (message) { h.focus(); }
  };

  FindMyData.prototype.showSent = function () {
    this.clear();
    var h = this.heading(this.t('inbox'));
    this.body.appendChild(el('p', { text: this.t('inboxText') }));
    this.say(this.t('requestSent'));
    h.focus();
  };

  FindMyData.prototype.showCode = function (phone) {
    var self = this;
    this.clear();
    var h = this.heading(this.t('codeTitle'));
    this.body.appendChild(el('p', { text: this.t('codeText') }));
    var form = el('form', { 'aria-label': this.t('codeForm'), novalidate: true });
    var input = el('input', { id: 'fmd-code', name: 'code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '6', required: true });
    form.appendChild(el('div', { class: 'fmd-field' }, [el('label', { for: 'fmd-code', text: this.t('code') }), input]));
    form.appendChild(el('button', { type: 'submit', class: 'fmd-primary', text: this.t('show') }));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      self.redeem({ phone: phone, code: input.value.trim() });
    });
    this.body.appendChild(form);
    this.say(this.t('requestSent'));
    h.focus();
  };

  FindMyData.prototype.showRedeemLink = function (token) {
    var self = this;
    this.clear();
    this.heading(this.t('title'));
    this.body.appendChild(el('p', { text: this.t('linkText') }));
    var button = el('button', { type: 'button', class: 'fmd-primary', text: this.t('show') });
    button.addEventListener('click', function () { self.redeem({ link: token }); });
    this.body.appendChild(button);
  };

  FindMyData.prototype.redeem = function (body) {
    var self = this;
    this.call('POST', '/v1/access-sessions', body).then(function (answer) {
      if (answer.status === 201) {
        self.session = answer.json.sessionToken;
        self.showMine(self.t('signedIn'));
      } else if (answer.status === 429) {
        // the wait in whole minutes when the API says it (Retry-After), else just "later"
        var minutes = Math.ceil(answer.retryAfter / 60);
        self.showAsk(minutes > 1 ? self.t('tooMany', { n: minutes }) : self.t('tooManyLater'));
      } else {
        self.showAsk(self.t('notValid'));
      }
    }, function () { self.say(self.t('unreachable')); });
  };

  FindMyData.prototype.showMine = function (message) {
    var self = this;
    this.call('GET', '/v1/me').then(function (answer) {
      if (answer.status !== 200) { self.session = null; self.showAsk(self.t('ended')); return; }
      self.clear();
      var h = self.heading(self.t('yours'));
      var receipts = answer.json.receipts;
      if (receipts.length === 0) {
        self.body.appendChild(el('p', { text: self.t('none') }));
      }
      receipts.forEach(function (receipt) {
        var people = receipt.piiPrincipal || {};
        var kept = Object.keys(people).map(function (k) { return people[k]; }).join(', ');
        var where = (receipt.collectionMethod && (receipt.collectionMethod.campaign || receipt.collectionMethod.page)) || self.t('somePage');
        var section = el('section', { class: 'fmd-receipt', 'aria-label': self.t('receiptFrom', { where: where }) }, [
          el('h3', { text: self.t('signedUpOn', { where: where, date: self.day(receipt.timestamp) }) }),
          el('p', { class: 'fmd-id', text: self.t('receipt', { id: receipt.receiptId }) + (kept ? self.t('holds', { list: kept }) : '') })
        ]);
        var list = el('ul');
        receipt.purposes.forEach(function (p) {
          list.appendChild(el('li', { text: self.t('statusLine', {
            purpose: p.description.replace(/[.。]$/, ''),
            status: STRINGS.en[p.status] ? self.t(p.status) : p.status.toLowerCase().replace(/_/g, ' ')
          }) }));
        });
        section.appendChild(list);
        self.body.appendChild(section);
      });
      var actions = el('div', { class: 'fmd-actions' });
      var download = el('button', { type: 'button', text: self.t('download') });
      download.addEventListener('click', function () { self.download(); });
      var withdraw = el('button', { type: 'button', text: self.t('withdraw') });
      withdraw.addEventListener('click', function () {
        self.call('POST', '/v1/me/withdrawals', {}).then(function (a) {
          self.showMine(self.t(a.status === 200 ? 'withdrawn' : 'withdrawFailed'));
        });
      });
      var erase = el('button', { type: 'button', class: 'fmd-danger', text: self.t('erase') });
      erase.addEventListener('click', function () { self.deleteEverything(); });
      var end = el('button', { type: 'button', text: self.t('signOut') });
      end.addEventListener('click', function () {
        self.call('DELETE', '/v1/me/session').then(function () { self.session = null; self.showAsk(self.t('signedOut')); });
      });
      [download, withdraw, erase, end].forEach(function (b) { actions.appendChild(b); });
      self.body.appendChild(actions);
      if (message) { self.say(message); }
      h.focus();
    });
  };

  FindMyData.prototype.download = function () {
    var self = this;
    this.call('GET', '/v1/me/export').then(function (answer) {
      if (answer.status !== 200) { self.say(self.t('downloadFailed')); return; }
      var blob = new Blob([JSON.stringify(answer.json, null, 2)], { type: 'application/json' });
      var link = el('a', { href: URL.createObjectURL(blob), download: 'my-data.json', text: 'my-data.json' });
      document.body.appendChild(link);
      link.click();
      link.remove();
      self.say(self.t('downloaded', { file: 'my-data.json', id: answer.json.accessRequestId }));
    });
  };

  FindMyData.prototype.deleteEverything = function () {
    var self = this;
    this.call('POST', '/v1/me/deletion').then(function (answer) {
      if (answer.status !== 202) { self.say(self.t('eraseFailed')); return; }
      self.clear();
      var h = self.heading(self.t('erasing'));
      self.body.appendChild(el('p', { text: self.t('erasingText', { date: self.day(answer.json.dueAt), id: answer.json.requestId }) }));
      self.call('DELETE', '/v1/me/session').then(function () { self.session = null; });
      self.say(self.t('erasingSaid'));
      h.focus();
    });
  };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-find-my-data]'), function (root) {
      new FindMyData(root);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
