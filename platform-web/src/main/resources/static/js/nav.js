// The main menu folds behind a button on narrow screens (CSS decides when); without this script the menu stays open.
(function () {
  var nav = document.getElementById('main-nav');
  if (!nav) { return; }
  var button = nav.querySelector('.menu-toggle');
  var list = document.getElementById('main-nav-list');
  nav.classList.add('collapsible');
  button.hidden = false;
  button.addEventListener('click', function () {
    var open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    nav.classList.toggle('open', open);
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && nav.classList.contains('open')) {
      button.setAttribute('aria-expanded', 'false');
      nav.classList.remove('open');
      button.focus();
    }
  });
})();
