// The account, privacy and delivery controls of both shops, each with its code snippet. Runs where
// it is included, before the shop's script wires the buttons; `data-api` is how the page names the
// tracker ("personalize." for the script tag's global, "" for the npm imports).
(function (container) {
  var api = container.getAttribute('data-api') || '';
  var flush = api ? 'await ' + api + 'flush(); // { delivered, rejected, pending }' : 'const { delivered, rejected, pending } = await flush();';
  var CONTROLS = [
    ['Account', '<button type="button" data-testid="login">Log in as user-42</button><button type="button" data-testid="logout" hidden>Log out</button>',
      'identify reset', api + "identify('user-42'); // log in\n" + api + 'reset(); // log out: a new session'],
    ['Privacy', '<span data-testid="consent-state">Tracking: on</span><button type="button" data-testid="opt-out">Opt out</button><button type="button" data-testid="opt-in" hidden>Opt in</button>',
      'optOut optIn', api + 'optOut(); // stops at once, every tab, queue deleted\n' + api + 'optIn();'],
    ['Delivery', '<button type="button" class="primary" data-testid="flush">Flush now</button>', 'flush', flush],
  ];
  CONTROLS.forEach(function (control) {
    var section = document.createElement('section');
    section.className = 'control';
    section.innerHTML = '<h2></h2><div class="control__row">' + control[1] + '</div><pre class="snippet"></pre>';
    section.querySelector('h2').textContent = control[0];
    section.querySelector('pre').setAttribute('data-snippet-call', control[2]);
    section.querySelector('pre').textContent = control[3];
    container.appendChild(section);
  });
})(document.currentScript.previousElementSibling);
