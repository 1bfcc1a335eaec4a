// The like button of a nominee on the honours' notice (/honor/notice/{id}). Signed in: the like is keyed by the
// account. Anonymous: the server's challenge is solved first in a Worker (honor-pow-worker.js), then sent with
// the like. The answer says counted, already liked today, or only "not counted" (never why).
(function () {
  'use strict';
  var button = document.getElementById('like-button');
  if (!button) { return; }
  var status = document.getElementById('like-status');
  var count = document.getElementById('like-count');
  var nomination = button.getAttribute('data-nomination');

  function say(text) { status.textContent = text; }

  function csrf() {
    var field = document.querySelector('input[name="_csrf"]');
    return field ? field.value : '';
  }

  function solve(challenge) {
    return new Promise(function (resolve, reject) {
      var worker = new Worker('/js/honor-pow-worker.js');
      worker.onmessage = function (event) { worker.terminate(); resolve(event.data.counter); };
      worker.onerror = function (error) { worker.terminate(); reject(error); };
      worker.postMessage({ challenge: challenge.challenge, bits: challenge.bits });
    });
  }

  function send(body) {
    return fetch('/api/v1/honor/notice/' + encodeURIComponent(nomination) + '/likes', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': csrf() },
      body: JSON.stringify(body)
    });
  }

  function proof() {
    if (button.getAttribute('data-signed-in') === 'true') { return Promise.resolve({}); }
    return fetch('/api/v1/honor/pow?nomination=' + encodeURIComponent(nomination), {
      credentials: 'same-origin', headers: { 'Accept': 'application/json' }
    }).then(function (response) {
      if (!response.ok) { throw new Error('challenge ' + response.status); }
      return response.json();
    }).then(function (challenge) {
      return solve(challenge).then(function (counter) {
        return { challenge: challenge.challenge, counter: counter };
      });
    });
  }

  button.addEventListener('click', function () {
    button.disabled = true;
    say(button.getAttribute('data-working'));
    proof().then(send).then(function (response) {
      if (response.status === 202) { say(button.getAttribute('data-not-counted')); return null; }
      if (!response.ok) { throw new Error('like ' + response.status); }
      return response.json();
    }).then(function (answer) {
      if (!answer) { return; }
      if (answer.likes !== undefined && answer.likes !== null) {
        count.textContent = button.getAttribute('data-likes').replace('{0}', answer.likes.toLocaleString());
      }
      say(button.getAttribute(answer.counted ? 'data-counted' : 'data-already'));
    }).catch(function () {
      say(button.getAttribute('data-failed'));
      button.disabled = false;
    });
  });
}());
