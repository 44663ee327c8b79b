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

  var NOT_VALID = 'This link or code is not valid any more: it may be mistyped, used already or expired. Ask for a new one below.';

  function FindMyData(root) {
    this.root = root;
    this.api = (root.getAttribute('data-api') || window.location.origin).replace(/\/$/, '');
    this.session = null;
    this.status = el('p', { role: 'status', class: 'fmd-status' });
    this.body = el('div');
    root.appendChild(this.status);
    root.appendChild(this.body);
    var self = this;
    if (!this.takeLink()) { this.showAsk(); }
    // a link opened in a tab already showing this page changes only the fragment
    window.addEventListener('hashchange', function () { self.takeLink(); });
  }

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

  FindMyData.prototype.say = function (text) {
    this.status.textContent = text;
  };

  FindMyData.prototype.call = function (method, path, body) {
    var headers = { accept: 'application/json' };
    if (body !== undefined) { headers['content-type'] = 'application/json'; }
    if (this.session) { headers.authorization = 'Bearer ' + this.session; }
    return fetch(this.api + path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (response) {
        if (response.status === 204) { return { status: 204, json: null }; }
        return response.json().then(function (json) { return { status: response.status, json: json }; },
          function () { return { status: response.status, json: null }; });
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
    var h = this.heading('Find my data');
    this.body.appendChild(el('p', { text: 'Type the email address or mobile number you signed up with. If we hold anything under it, we send you a link (email) or a code (SMS) that works once, for 15 minutes. We answer the same either way, so nobody can use this page to find out whether you signed up.' }));
    var form = el('form', { 'aria-label': 'Ask for a link or code', novalidate: true });
    var input = el('input', { id: 'fmd-identifier', name: 'identifier', type: 'text', autocomplete: 'email', required: true, 'aria-describedby': 'fmd-identifier-hint' });
    form.appendChild(el('div', { class: 'fmd-field' }, [
      el('label', { for: 'fmd-identifier', text: 'Email address or mobile number' }),
      el('p', { id: 'fmd-identifier-hint', class: 'fmd-hint', text: 'A mobile number in international format, e.g. +34 600 000 000.' }),
      input
    ]));
    form.appendChild(el('button', { type: 'submit', class: 'fmd-primary', text: 'Send me a link or code' }));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var value = input.value.trim();
      if (!value) {
        input.setAttribute('aria-invalid', 'true');
        self.say('Type your email address or mobile number first.');
        input.focus();
        return;
      }
      var isEmail = value.indexOf('@') >= 0;
      var lang = document.documentElement.lang || 'en';
      var body = isEmail ? { email: value, locale: lang } : { phone: value, locale: lang };
      self.call('POST', '/v1/access-links', body).then(function (answer) {
        if (answer.status === 202) {
          if (isEmail) {
            self.showSent();
          } else {
            self.showCode(value);
          }
        } else if (answer.status === 400) {
          input.setAttribute('aria-invalid', 'true');
          self.say(isEmail ? 'That does not look like an email address.' : 'That does not look like an international mobile number (+34 600 000 000).');
          input.focus();
        } else {
          self.say('Something went wrong on our side. Please try again in a moment.');
        }
      }, function () { self.say('We could not reach the service. Please try again in a moment.'); });
    });
    this.body.appendChild(form);
    if (message) { this.say(message); }
    if (message) { h.focus(); }
  };

  FindMyData.prototype.showSent = function () {
    this.clear();
    var h = this.heading('Check your inbox');
    this.body.appendChild(el('p', { text: 'If we hold data under this address, an email with a link is on its way. The link works once, for 15 minutes. It opens this page.' }));
    this.say('Request sent.');
    h.focus();
  };

  FindMyData.prototype.showCode = function (phone) {
    var self = this;
    this.clear();
    var h = this.heading('Enter the code we texted you');
    this.body.appendChild(el('p', { text: 'If we hold data under this number, a text message with a 6-digit code is on its way. It works once, for 15 minutes.' }));
    var form = el('form', { 'aria-label': 'Enter the code', novalidate: true });
    var input = el('input', { id: 'fmd-code', name: 'code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '6', required: true });
    form.appendChild(el('div', { class: 'fmd-field' }, [el('label', { for: 'fmd-code', text: '6-digit code' }), input]));
    form.appendChild(el('button', { type: 'submit', class: 'fmd-primary', text: 'Show my data' }));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      self.redeem({ phone: phone, code: input.value.trim() });
    });
    this.body.appendChild(form);
    this.say('Request sent.');
    h.focus();
  };

  FindMyData.prototype.showRedeemLink = function (token) {
    var self = this;
    this.clear();
    this.heading('Find my data');
    this.body.appendChild(el('p', { text: 'You opened your one-time link. Press the button to see what we hold about you; the link then stops working.' }));
    var button = el('button', { type: 'button', class: 'fmd-primary', text: 'Show my data' });
    button.addEventListener('click', function () { self.redeem({ link: token }); });
    this.body.appendChild(button);
  };

  FindMyData.prototype.redeem = function (body) {
    var self = this;
    this.call('POST', '/v1/access-sessions', body).then(function (answer) {
      if (answer.status === 201) {
        self.session = answer.json.sessionToken;
        self.showMine('Signed in for 30 minutes.');
      } else if (answer.status === 429) {
        self.showAsk(answer.json && answer.json.detail ? answer.json.detail : 'Too many codes were tried. Ask for a new one later.');
      } else {
        self.showAsk(NOT_VALID);
      }
    }, function () { self.say('We could not reach the service. Please try again in a moment.'); });
  };

  FindMyData.prototype.showMine = function (message) {
    var self = this;
    this.call('GET', '/v1/me').then(function (answer) {
      if (answer.status !== 200) { self.session = null; self.showAsk('Your session has ended. Ask for a new link.'); return; }
      self.clear();
      var h = self.heading('Your data');
      var receipts = answer.json.receipts;
      if (receipts.length === 0) {
        self.body.appendChild(el('p', { text: 'We hold no consent records under this address or number.' }));
      }
      receipts.forEach(function (receipt) {
        var people = receipt.piiPrincipal || {};
        var kept = Object.keys(people).map(function (k) { return people[k]; }).join(', ');
        var where = (receipt.collectionMethod && (receipt.collectionMethod.campaign || receipt.collectionMethod.page)) || 'a campaign page';
        var section = el('section', { class: 'fmd-receipt', 'aria-label': 'Receipt from ' + where }, [
          el('h3', { text: 'Signed up on ' + where + ', ' + receipt.timestamp.slice(0, 10) }),
          el('p', { class: 'fmd-id', text: 'Receipt ' + receipt.receiptId + (kept ? ' · holds ' + kept : '') })
        ]);
        var list = el('ul');
        receipt.purposes.forEach(function (p) {
          list.appendChild(el('li', { text: p.description + ': ' + p.status.toLowerCase().replace(/_/g, ' ') }));
        });
        section.appendChild(list);
        self.body.appendChild(section);
      });
      var actions = el('div', { class: 'fmd-actions' });
      var download = el('button', { type: 'button', text: 'Download all my data (JSON)' });
      download.addEventListener('click', function () { self.download(); });
      var withdraw = el('button', { type: 'button', text: 'Withdraw all my consent' });
      withdraw.addEventListener('click', function () {
        self.call('POST', '/v1/me/withdrawals', {}).then(function (a) {
          self.showMine(a.status === 200 ? 'Every consent is withdrawn.' : 'The withdrawal failed; please try again.');
        });
      });
      var erase = el('button', { type: 'button', class: 'fmd-danger', text: 'Delete everything' });
      erase.addEventListener('click', function () { self.deleteEverything(); });
      var end = el('button', { type: 'button', text: 'Sign out' });
      end.addEventListener('click', function () {
        self.call('DELETE', '/v1/me/session').then(function () { self.session = null; self.showAsk('Signed out.'); });
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
      if (answer.status !== 200) { self.say('The download failed; please try again.'); return; }
      var blob = new Blob([JSON.stringify(answer.json, null, 2)], { type: 'application/json' });
      var link = el('a', { href: URL.createObjectURL(blob), download: 'my-data.json', text: 'my-data.json' });
      document.body.appendChild(link);
      link.click();
      link.remove();
      self.say('Your data is downloaded as my-data.json (access request ' + answer.json.accessRequestId + ').');
    });
  };

  FindMyData.prototype.deleteEverything = function () {
    var self = this;
    this.call('POST', '/v1/me/deletion').then(function (answer) {
      if (answer.status !== 202) { self.say('The deletion request failed; please try again.'); return; }
      self.clear();
      var h = self.heading('Deletion requested');
      self.body.appendChild(el('p', { text: 'We are deleting everything we hold under this address or number, at the latest by ' +
        answer.json.dueAt.slice(0, 10) + '. Request ' + answer.json.requestId + '. We will tell you when it is done.' }));
      self.call('DELETE', '/v1/me/session').then(function () { self.session = null; });
      self.say('Deletion requested.');
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
