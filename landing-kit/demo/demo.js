/*
 * The demo cherries campaign page, laid out once for every language. Each entry page (index.html,
 * es-CL.html, zh-CN.html) gives only what differs: its lang and title, and on <body> the
 * jurisdiction and its words (data-heading, data-pitch, data-form-label, data-company,
 * data-notice, data-about). This script builds the header, the kit's form with the campaign's
 * attributes (consent.js then fills it in) and the footer. Load it deferred, before consent.js.
 */
(function () {
  'use strict';

  // the campaign every entry page runs: the form's attributes (see the kit's README)
  var CAMPAIGN = {
    'data-page': 'cherries-tiktok',
    'data-campaign': 'cny-2027',
    'data-notice-version': '2026-11-01',
    'data-purposes': 'marketing-email,marketing-sms,personalised-ads,contest-entry'
  };
  var ICON = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Cpath d='M16 4c2 6 6 9 9 11' stroke='%23356b2a' stroke-width='2' fill='none'/%3E%3Ccircle cx='11' cy='21' r='7' fill='%23a3122a'/%3E%3Ccircle cx='23' cy='21' r='7' fill='%23a3122a'/%3E%3C/svg%3E";
  var PRIVACY_NOTICE = 'https://example.com/privacy';

  function make(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  var words = document.body.dataset;
  document.head.appendChild(make('link', '', { rel: 'icon', href: ICON }));

  var header = make('header');
  header.appendChild(make('h1', words.heading));
  header.appendChild(make('p', words.pitch));

  var form = make('form', '', { id: 'signup', 'aria-label': words.formLabel, 'data-consent-vault': '',
    'data-jurisdiction': words.jurisdiction });
  Object.keys(CAMPAIGN).forEach(function (name) { form.setAttribute(name, CAMPAIGN[name]); });
  var main = make('main');
  main.appendChild(form);

  var footer = make('footer', words.company + ' · ');
  footer.appendChild(make('a', words.notice, { href: PRIVACY_NOTICE }));
  footer.appendChild(document.createTextNode(' · ' + words.about));

  [header, main, footer].forEach(function (part) { document.body.appendChild(part); });
}());
