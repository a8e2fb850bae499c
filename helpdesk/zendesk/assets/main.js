// The Zendesk ticket sidebar app: takes the ticket's latest comment, hands it to the
// bounce-decoder widget (widget.html, hosted at the address of the widget_url setting) in
// an iframe, and sizes the sidebar to the widget's height.
//
// The widget is told to take requests only from this app's origin (?origins=), and this
// app takes answers only from the widget's window and origin.
(function () {
  'use strict';

  var client = window.ZAFClient.init();
  var frame = document.getElementById('decoder');
  var status = document.getElementById('status');
  var widgetOrigin = null;
  var pending = null; // the id of the request in flight
  var counter = 0;
  var ready = false;
  var text = null;
  var lang = 'en';

  function show(message) {
    status.textContent = message;
    status.hidden = !message;
  }

  function send() {
    if (!ready || text == null) return;
    counter += 1;
    pending = 'zendesk-' + counter;
    frame.contentWindow.postMessage({ type: 'bounce-decoder:decode', id: pending, text: text, lang: lang }, widgetOrigin);
  }

  window.addEventListener('message', function (event) {
    if (event.source !== frame.contentWindow || event.origin !== widgetOrigin) return;
    var data = event.data || {};
    if (data.type === 'bounce-decoder:ready') {
      ready = true;
      send();
    } else if (data.type === 'bounce-decoder:height') {
      var height = Math.min(Math.max(Number(data.height) || 0, 60), 2000);
      frame.style.height = height + 'px';
      client.invoke('resize', { width: '100%', height: (height + status.offsetHeight + 8) + 'px' });
    } else if (data.type === 'bounce-decoder:result' && data.id === pending) {
      show(data.report.recipients.length ? '' : 'No bounce found in the latest comment.');
    } else if (data.type === 'bounce-decoder:error' && data.id === pending && data.code !== 'superseded') {
      show('Could not decode: ' + data.message);
    }
  });

  Promise.all([client.metadata(), client.get(['ticket.comments', 'currentUser.locale'])]).then(function (results) {
    var settings = results[0].settings || {};
    var data = results[1];
    var url = new URL(settings.widget_url);
    widgetOrigin = url.origin;
    url.searchParams.set('origins', window.location.origin);
    lang = String(data['currentUser.locale'] || 'en').toLowerCase().indexOf('de') === 0 ? 'de' : 'en';
    var comments = data['ticket.comments'] || [];
    var latest = comments.length ? comments[comments.length - 1] : null;
    // the comment as text: ZAF gives its value as HTML; DOMParser runs no script of it
    var html = latest ? String(latest.value != null ? latest.value : latest.body || '') : '';
    text = new DOMParser().parseFromString(html, 'text/html').body.innerText || '';
    show(text.trim() ? 'Decoding the latest comment…' : 'The ticket has no comment to decode.');
    frame.src = url.href;
    frame.hidden = false;
  }).catch(function (err) {
    show('The app could not start: ' + (err && err.message ? err.message : String(err)));
  });
}());
