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
 * No dependencies, no cookies, nothing sent anywhere but the API.
 */
(function () {
  'use strict';

  var FIELDS = [
    { name: 'email', label: 'Email address', type: 'email', autocomplete: 'email' },
    { name: 'phone', label: 'Mobile number (international, e.g. +34 600 000 000)', type: 'tel', autocomplete: 'tel' },
    { name: 'name', label: 'Your name', type: 'text', autocomplete: 'name' }
  ];
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

  function retentionText(iso) {
    var match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(iso || '');
    if (!match) { return iso; }
    var parts = [];
    [[1, 'year'], [2, 'month'], [3, 'week'], [4, 'day']].forEach(function (unit) {
      var n = Number(match[unit[0]] || 0);
      if (n) { parts.push(n + ' ' + unit[1] + (n === 1 ? '' : 's')); }
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
  }

  ConsentForm.prototype.start = function () {
    var self = this;
    this.status = el('p', { class: 'cv-status', role: 'status', 'aria-live': 'polite' });
    this.form.appendChild(this.status);
    this.form.setAttribute('novalidate', true);
    this.say('Loading what we would like to ask you…');
    return fetch(this.api + '/v1/purposes', { headers: { accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) { throw new Error('catalogue ' + response.status); }
        return response.json();
      })
      .then(function (catalogue) {
        var wanted = (self.form.getAttribute('data-purposes') || '').split(',').map(function (s) { return s.trim(); })
          .filter(Boolean);
        self.purposes = catalogue.purposes.filter(function (p) { return !wanted.length || wanted.indexOf(p.id) >= 0; });
        // the age of digital consent the page's jurisdiction sets, if any (or the fallback's)
        var codes = catalogue.jurisdictions || {};
        var rule = codes[self.jurisdiction()] || codes[catalogue.fallbackJurisdiction];
        self.age = rule && rule.ageOfConsent
          ? { years: rule.ageOfConsent, saleOrSharingOnly: rule.ageAppliesTo === 'sale-or-sharing' }
          : null;
        self.render();
        self.say('');
        var stored = self.stored();
        if (stored) { self.load(stored.receiptId, stored.receiptToken); }
      })
      .catch(function () {
        self.say('The sign-up form could not be loaded. Please try again later.');
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

  ConsentForm.prototype.say = function (message) {
    this.status.textContent = message;
  };

  ConsentForm.prototype.render = function () {
    var self = this;
    var intro = el('p', { class: 'cv-intro', text: 'Tick what you agree to. Nothing is ticked for you, and you can change your mind at any time.' });
    var purposeSet = el('fieldset', { class: 'cv-purposes' }, [el('legend', { text: 'What we ask your permission for' })]);
    if (gpcOn()) {
      purposeSet.appendChild(el('p', {
        class: 'cv-gpc', id: this.id + '-gpc',
        text: 'Your browser sends a Global Privacy Control signal, so we will not sell or share your data: '
          + 'purposes that would are switched off.'
      }));
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
      facts.push(purpose.dataNeeded.length ? 'We keep: ' + purpose.dataNeeded.join(', ') + '.' : 'We keep nothing that identifies you.');
      facts.push('For ' + retentionText(purpose.retention) + ', then it is deleted automatically.');
      facts.push(purpose.thirdParties.length ? 'Shared with: ' + purpose.thirdParties.join(', ') + '.' : 'Not shared with anyone.');
      if (purpose.saleOrSharing) {
        facts.push(refusedByGpc ? 'Switched off because of your Global Privacy Control setting.'
          : 'This counts as selling or sharing personal data.');
      }
      var error = el('p', { class: 'cv-error', id: boxId + '-error', hidden: true });
      self.errors['purposes.' + purpose.id] = { node: error, input: box };
      purposeSet.appendChild(el('div', { class: 'cv-purpose' + (refusedByGpc ? ' cv-refused' : '') }, [
        box,
        el('label', { for: boxId, text: purpose.description }),
        el('p', { class: 'cv-facts', id: detailsId, text: facts.join(' ') }),
        error
      ]));
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
        el('label', { for: ageId, text: 'I am ' + this.age.years + ' or older' }),
        el('p', { class: 'cv-hint', id: ageId + '-why',
          text: 'Below ' + this.age.years + ' the law here asks for a parent\'s or guardian\'s consent'
            + (this.age.saleOrSharingOnly ? ' to sell or share your data.' : '.') }),
        ageError
      ]);
    }

    var fieldSet = el('fieldset', { class: 'cv-fields' }, [el('legend', { text: 'Your details' })]);
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
        el('label', { for: inputId, text: field.label }), input, self.inputs[field.name].hint, error
      ]));
    });

    var remember = el('input', { type: 'checkbox', id: this.id + '-remember' });
    this.remember = remember;
    var submit = el('button', { type: 'submit', class: 'cv-submit', text: 'Sign up' });
    this.submitButton = submit;
    this.formError = el('p', { class: 'cv-error cv-form-error', role: 'alert', hidden: true });
    var body = el('div', { class: 'cv-body' }, [
      intro, purposeSet, ageBlock, fieldSet,
      el('div', { class: 'cv-remember' }, [remember,
        el('label', { for: remember.id, text: 'Remember my receipt on this device, so I can see or withdraw my consent later' })]),
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
        ? 'Needed for: ' + needing.map(function (p) { return p.description; }).join(' ')
        : 'Not needed unless you tick a purpose that uses it.';
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
    (problem.errors || []).forEach(function (error) {
      var target = self.errors[error.field];
      if (target) {
        target.node.textContent = error.message.charAt(0).toUpperCase() + error.message.slice(1) + '.';
        target.node.hidden = false;
        target.input.setAttribute('aria-invalid', 'true');
        first = first || target.input;
      } else {
        unplaced.push(error.field + ' ' + error.message);
      }
    });
    if (!problem.errors || unplaced.length) {
      this.formError.textContent = (problem.detail || 'Something went wrong.') + (unplaced.length ? ' ' + unplaced.join('; ') + '.' : '');
      this.formError.hidden = false;
    }
    var count = problem.errors ? problem.errors.length : 1;
    this.say(count + (count === 1 ? ' thing' : ' things') + ' to fix before we can sign you up.');
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
    if (Object.keys(subject).length) { body.subject = subject; }
    if (this.form.getAttribute('data-campaign')) { body.source.campaign = this.form.getAttribute('data-campaign'); }
    // the language the form is shown in, as the page declares it: the receipt records it
    var shownIn = this.form.closest('[lang]');
    var locale = shownIn && shownIn.getAttribute('lang');
    if (locale && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/.test(locale)) { body.locale = locale; }
    return body;
  };

  /** POSTs JSON to the API; resolves with the status and the parsed answer (every answer is JSON). */
  ConsentForm.prototype.post = function (path, headers, body) {
    var all = { 'content-type': 'application/json' };
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
      this.formError.textContent = 'You have not ticked anything, so there is nothing to sign up for and nothing was sent. '
        + 'Tick what you agree to, or leave this page: we keep nothing about you.';
      this.formError.hidden = false;
      this.say('Nothing sent.');
      var first = this.purposes.map(function (p) { return self.boxes[p.id]; }).filter(function (b) { return !b.disabled; })[0];
      if (first) { first.focus(); }
      return;
    }
    if (this.ageAsked() && !this.ageBox.checked) {
      // someone under the age cannot consent alone: nothing about them is sent at all
      this.errors.ageConfirmed.node.textContent = 'We can only sign you up if you are ' + this.age.years
        + ' or older. If you are younger, please ask a parent or guardian: nothing was sent.';
      this.errors.ageConfirmed.node.hidden = false;
      this.ageBox.setAttribute('aria-invalid', 'true');
      this.say('Nothing sent.');
      this.ageBox.focus();
      return;
    }
    this.idempotencyKey = this.idempotencyKey || uuid();
    this.submitButton.disabled = true;
    this.say('Sending…');
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
      self.showReceipt(result.json, result.status === 202
        ? 'Thank you, you are signed up. We are very busy, so your sign-up is being recorded now:'
          + ' this receipt will be viewable online within a few minutes.'
          + ((result.json.pendingConfirmations || []).length
            ? ' Check your inbox too: some of what you agreed to starts only once you confirm it.'
            : '')
        : (result.json.pendingConfirmations || []).length
        ? 'Thank you. Check your inbox: some of what you agreed to starts only once you confirm it.'
        : 'Thank you, you are signed up. Here is your receipt.');
    }).catch(function () {
      self.submitButton.disabled = false;
      self.formError.textContent = 'We could not reach the sign-up service. Please try again; you will not be signed up twice.';
      self.formError.hidden = false;
      self.say('Not sent.');
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
          self.body.hidden = true;
          self.showReceipt(receipt, 'Welcome back. This is what you agreed to.');
        });
      })
      .catch(function () {
        self.say('Your saved receipt could not be loaded right now. Please reload the page later to see it.');
      });
  };

  ConsentForm.prototype.showReceipt = function (receipt, message) {
    var self = this;
    this.receipt = receipt;
    var panel = this.receiptPanel;
    panel.textContent = '';
    var title = el('h2', { id: this.id + '-receipt-title', tabindex: '-1', text: 'Your consent receipt' });
    panel.appendChild(title);
    panel.appendChild(el('p', { class: 'cv-receipt-message', text: message }));
    var meta = el('dl', { class: 'cv-receipt-meta' });
    [['Receipt', receipt.receiptId, 'cv-id'], ['Date', new Date(receipt.timestamp).toLocaleString()],
      ['Controller', receipt.controller.name + ' (' + receipt.controller.contact + ')']].forEach(function (row) {
      meta.appendChild(el('dt', { text: row[0] }));
      meta.appendChild(el('dd', { text: row[1], class: row[2] }));
    });
    Object.keys(receipt.piiPrincipal || {}).forEach(function (field) {
      meta.appendChild(el('dt', { text: field.charAt(0).toUpperCase() + field.slice(1) }));
      meta.appendChild(el('dd', { text: receipt.piiPrincipal[field] }));
    });
    panel.appendChild(meta);
    var list = el('ul', { class: 'cv-receipt-purposes' });
    receipt.purposes.forEach(function (p) {
      var status = {
        GRANTED: 'Agreed', PENDING_CONFIRMATION: 'Waiting for your confirmation', REFUSED: 'Not agreed', WITHDRAWN: 'Withdrawn'
      }[p.status] || p.status;
      var item = el('li', { 'data-purpose': p.purposeId, 'data-status': p.status }, [
        el('strong', { text: status + ': ' }),
        document.createTextNode(p.description + ' ')
      ]);
      var reason = p.reasonText;
      if (!reason && p.status === 'REFUSED' && p.saleOrSharing && receipt.globalPrivacyControl) {
        // the box was switched off by GPC, so the API was never asked to grant it and gives no reason
        reason = 'Switched off: your browser sent a Global Privacy Control signal, and this purpose would sell or share personal data.';
      }
      if (reason) {
        item.appendChild(el('span', { class: 'cv-reason', text: reason }));
      }
      if (p.status === 'GRANTED' || p.status === 'PENDING_CONFIRMATION') {
        var button = el('button', { type: 'button', class: 'cv-withdraw', text: 'Withdraw' });
        button.setAttribute('aria-label', 'Withdraw consent: ' + p.description);
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
        var confirm = el('button', { type: 'button', class: 'cv-confirm-code', text: 'Confirm' });
        confirm.addEventListener('click', function () { self.confirmCode(input.value.trim()); });
        box.appendChild(el('label', { for: codeId, text: 'The 6-digit code from the text message' }));
        box.appendChild(input);
        box.appendChild(confirm);
      }
      panel.appendChild(box);
    });
    var actions = el('div', { class: 'cv-actions' });
    if (receipt.purposes.some(function (p) { return p.status === 'GRANTED' || p.status === 'PENDING_CONFIRMATION'; })) {
      var all = el('button', { type: 'button', class: 'cv-withdraw-all', text: 'Withdraw all' });
      all.addEventListener('click', function () { self.withdraw(null); });
      actions.appendChild(all);
    }
    var erase = el('button', { type: 'button', class: 'cv-delete', text: 'Delete my data' });
    erase.addEventListener('click', function () { self.requestDeletion(); });
    actions.appendChild(erase);
    if (this.stored()) {
      var forget = el('button', { type: 'button', class: 'cv-forget', text: 'Forget my receipt on this device' });
      forget.addEventListener('click', function () {
        window.localStorage.removeItem(STORAGE_KEY);
        forget.remove();
        self.say('Your receipt is no longer kept on this device.');
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
        self.outcome.textContent = result.json.detail || 'The withdrawal did not go through. Please try again.';
        return;
      }
      self.showReceipt(result.json, 'Done: your consent is withdrawn and the data kept only for it is deleted.');
    }).catch(function () {
      self.outcome.textContent = 'We could not reach the service, so nothing was withdrawn. Please try again.';
    });
  };

  /** Confirms the purposes waiting for an SMS with the code the person typed. */
  ConsentForm.prototype.confirmCode = function (code) {
    var self = this;
    if (!/^[0-9]{6}$/.test(code)) {
      this.outcome.textContent = 'Type the 6 digits of the code we sent by text message.';
      return;
    }
    this.post('/v1/receipts/' + encodeURIComponent(this.receipt.receiptId) + '/confirmations',
      { authorization: 'Bearer ' + this.token }, { code: code }).then(function (result) {
      if (result.status === 200) {
        self.showReceipt(result.json, 'Confirmed. Thank you.');
      } else if (result.status === 423) {
        self.outcome.textContent = 'Too many wrong codes: this confirmation is locked, and nothing will be sent to your phone.';
      } else if (result.status === 404) {
        self.outcome.textContent = 'That code is not right, or it has expired. Check the text message and try again.';
      } else {
        self.outcome.textContent = result.json.detail || 'The confirmation did not go through. Please try again.';
      }
    }).catch(function () {
      self.outcome.textContent = 'We could not reach the service, so nothing was confirmed. Please try again.';
    });
  };

  ConsentForm.prototype.requestDeletion = function () {
    var self = this;
    this.post('/v1/privacy-requests', { authorization: 'Bearer ' + this.token },
      { type: 'deletion', receiptId: this.receipt.receiptId }).then(function (result) {
      if (result.status !== 202) {
        self.outcome.textContent = result.json.detail || 'The request did not go through. Please try again.';
        return;
      }
      window.localStorage.removeItem(STORAGE_KEY);
      // everything is about to be erased: withdrawing or forgetting no longer applies
      Array.prototype.forEach.call(self.receiptPanel.querySelectorAll('button'), function (button) { button.remove(); });
      self.outcome.textContent = '';
      self.outcome.appendChild(document.createTextNode('We have your deletion request (reference '));
      self.outcome.appendChild(el('span', { class: 'cv-id', text: result.json.requestId }));
      self.outcome.appendChild(document.createTextNode('). All your data will be erased, at the latest by '
        + new Date(result.json.dueAt).toLocaleDateString() + '.'));
      self.outcome.setAttribute('data-request-id', result.json.requestId);
      // the button that had focus is gone: focus the answer, so it is read and the place is kept
      self.outcome.setAttribute('tabindex', '-1');
      self.outcome.focus();
    }).catch(function () {
      self.outcome.textContent = 'We could not reach the service, so the request was not sent. Please try again.';
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
