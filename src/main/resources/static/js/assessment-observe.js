// The inspector's checklist: the phone's position, -/+ steppers and the marks shown live, and the
// checklist sent to the JSON API with its idempotency key; without a network the submission waits in
// localStorage and is resent with the same key when the phone is back online. Without this script the
// form posts as it is.
(function () {
  var QUEUE = 'wenming.observe.queue';
  var form = document.getElementById('obs-form');
  var queueStatus = document.getElementById('obs-queue');

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var hex = '';
    for (var i = 0; i < 32; i++) { hex += Math.floor(Math.random() * 16).toString(16); }
    return hex;
  }

  function readQueue() {
    try { return JSON.parse(localStorage.getItem(QUEUE) || '[]'); } catch (e) { return []; }
  }

  function writeQueue(queue) {
    try { localStorage.setItem(QUEUE, JSON.stringify(queue)); } catch (e) { /* storage full or off */ }
  }

  function say(template, count) {
    if (!queueStatus || !template) { return; }
    queueStatus.textContent = template.replace('{0}', count);
    queueStatus.hidden = false;
  }

  function csrf() {
    var field = document.querySelector('input[name="_csrf"]');
    return field ? field.value : '';
  }

  function put(item) {
    return fetch(item.url, {
      method: 'PUT', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'Idempotency-Key': item.key,
        'X-CSRF-TOKEN': csrf() },
      body: JSON.stringify(item.body)
    });
  }

  var flushing = false;

  // Resends the queue in order with each submission's own key; a refusal (4xx) is final and leaves the queue.
  function flush() {
    var queue = readQueue();
    if (flushing || !queue.length || !navigator.onLine) { return; }
    flushing = true;
    var sent = 0;
    var failed = 0;
    (function next() {
      var current = readQueue();
      if (!current.length) {
        flushing = false;
        if (queueStatus) { say(failed ? queueStatus.dataset.failed : queueStatus.dataset.sent, failed || sent); }
        return;
      }
      put(current[0]).then(function (response) {
        if (response.ok || (response.status >= 400 && response.status < 500 && response.status !== 401 && response.status !== 403)) {
          if (!response.ok) { failed++; } else { sent++; }
          writeQueue(readQueue().slice(1));
          next();
        } else {
          flushing = false;
          if (queueStatus) { say(queueStatus.dataset.queued, readQueue().length); }
        }
      }, function () {
        flushing = false;
        if (queueStatus) { say(queueStatus.dataset.queued, readQueue().length); }
      });
    })();
  }

  window.addEventListener('online', flush);
  if (readQueue().length && queueStatus) { say(queueStatus.dataset.queued, readQueue().length); }
  flush();

  // "nearest first" on the list of places
  var nearest = document.getElementById('obs-nearest');
  if (nearest && navigator.geolocation) {
    nearest.hidden = false;
    nearest.addEventListener('submit', function (event) {
      if (nearest.elements.latitude.value) { return; }
      event.preventDefault();
      var button = nearest.querySelector('button');
      button.textContent = button.dataset.locating;
      navigator.geolocation.getCurrentPosition(function (position) {
        nearest.elements.latitude.value = position.coords.latitude.toFixed(6);
        nearest.elements.longitude.value = position.coords.longitude.toFixed(6);
        nearest.submit();
      }, function () { button.textContent = button.dataset.failed; },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }

  if (!form) { return; }

  // the phone's position, sent with the submission (it works without); asked for when the inspector
  // starts recording, not when the page opens, so the permission prompt follows their own action
  var position = document.getElementById('obs-position');
  var located = false;
  function locate() {
    if (located || !position || !navigator.geolocation) { return; }
    located = true;
    position.textContent = position.dataset.locating;
    navigator.geolocation.getCurrentPosition(function (p) {
      form.elements.latitude.value = p.coords.latitude.toFixed(6);
      form.elements.longitude.value = p.coords.longitude.toFixed(6);
      position.textContent = position.dataset.found;
    }, function () { position.textContent = position.dataset.failed; },
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  }
  form.addEventListener('click', locate);
  form.addEventListener('input', locate);

  var criteria = Array.prototype.slice.call(form.querySelectorAll('fieldset[data-criterion]'));

  function valueOf(fieldset) {
    var id = fieldset.dataset.criterion;
    if (fieldset.dataset.rule === 'PASS_FAIL') {
      var checked = fieldset.querySelector('input[name="v' + id + '"]:checked');
      return checked ? checked.value : '';
    }
    return form.elements['v' + id].value.trim();
  }

  // the same rule as the server's Scoring: floor at zero, two decimals
  function marks(fieldset) {
    var v = valueOf(fieldset);
    if (v === '') { return null; }
    var full = parseFloat(fieldset.dataset.full);
    var deduction = parseFloat(fieldset.dataset.deduction || '0');
    var result;
    if (fieldset.dataset.rule === 'PASS_FAIL') {
      result = v === 'pass' ? full : 0;
    } else if (fieldset.dataset.rule === 'DEDUCTION') {
      result = full - deduction * parseInt(v, 10);
    } else {
      result = full - deduction * Math.max(0, parseInt(fieldset.dataset.target, 10) - parseInt(v, 10));
    }
    return isNaN(result) ? null : Math.max(0, Math.round(result * 100) / 100);
  }

  function show(fieldset) {
    var out = document.getElementById('m' + fieldset.dataset.criterion);
    var m = marks(fieldset);
    if (out) { out.textContent = m === null ? '–' : String(m); }
  }

  criteria.forEach(function (fieldset) {
    fieldset.addEventListener('input', function () { show(fieldset); });
    fieldset.addEventListener('change', function () { show(fieldset); });
    Array.prototype.forEach.call(fieldset.querySelectorAll('.obs-step'), function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        var input = document.getElementById(button.dataset.for);
        var n = parseInt(input.value || '0', 10) + parseInt(button.dataset.step, 10);
        var max = input.max === '' ? Infinity : parseInt(input.max, 10);
        input.value = String(Math.max(0, Math.min(max, isNaN(n) ? 0 : n)));
        show(fieldset);
      });
    });
  });

  form.addEventListener('submit', function (event) {
    if (!window.fetch || !window.JSON) { return; }
    event.preventDefault();
    var entries = [];
    criteria.forEach(function (fieldset) {
      var id = parseInt(fieldset.dataset.criterion, 10);
      var v = valueOf(fieldset);
      var note = form.elements['n' + id].value;
      if (v === '' && note.trim() === '') { return; }
      var entry = { criterionId: id };
      if (v !== '') {
        if (fieldset.dataset.rule === 'PASS_FAIL') { entry.passed = v === 'pass'; }
        else if (fieldset.dataset.rule === 'DEDUCTION') { entry.shortfalls = parseInt(v, 10); }
        else { entry.counted = parseInt(v, 10); }
      }
      if (note.trim() !== '') { entry.note = note; }
      entries.push(entry);
    });
    var body = { observedAt: new Date().toISOString(), entries: entries };
    if (form.elements.latitude.value) {
      body.latitude = parseFloat(form.elements.latitude.value);
      body.longitude = parseFloat(form.elements.longitude.value);
    }
    var item = { url: form.dataset.api, key: form.elements.key.value, body: body, place: form.dataset.place };
    // the next save of this page is another submission with its own key
    form.elements.key.value = newKey();
    function queue() {
      var q = readQueue();
      q.push(item);
      writeQueue(q);
      say(queueStatus && queueStatus.dataset.queued, q.length);
    }
    if (!navigator.onLine) { queue(); return; }
    put(item).then(function (response) {
      if (response.ok) {
        window.location.assign(form.dataset.page + '?done=saved');
        return;
      }
      if (response.status >= 500 || response.status === 401) { queue(); return; }
      return response.json().then(function (problem) {
        var errors = problem.errors || [];
        var shown = false;
        errors.forEach(function (error) {
          var match = /^entries\[(\d+)\]/.exec(error.field || '');
          var fieldset = match && entries[+match[1]] ? document.getElementById('c' + entries[+match[1]].criterionId) : null;
          if (fieldset) {
            fieldset.classList.add('invalid');
            var p = document.createElement('p');
            p.className = 'field-error';
            p.setAttribute('role', 'alert');
            p.textContent = error.message;
            fieldset.appendChild(p);
            fieldset.scrollIntoView();
            shown = true;
          }
        });
        if (!shown && queueStatus) {
          queueStatus.textContent = (errors[0] && errors[0].message) || problem.detail || form.dataset.refused;
          queueStatus.hidden = false;
        }
      });
    }, queue);
  });
})();
