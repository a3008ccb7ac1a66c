/* briefdeck: start reveal.js with the options the deck carries as data attributes. */
(function () {
  'use strict';
  var root = document.querySelector('.reveal');
  var data = root ? root.dataset : {};
  var number = function (value, fallback) {
    var parsed = Number(value);
    return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
  };
  // Whether a window is of this page's origin: reading a cross-origin window's location throws.
  var sameOrigin = function (other) {
    try {
      return Boolean(other) && other.location.origin === window.location.origin;
    } catch (error) {
      return false;
    }
  };
  // A deck opened from a file is an opaque origin ("null"), and so is each of the speaker view's
  // previews: they cannot read each other. A web page can neither frame nor open a file:// URL,
  // so there a window of another file is the speaker view.
  var fromFile = window.location.protocol === 'file:';
  // reveal.js and its notes plugin answer messages from any window (with the speaker notes):
  // only windows of this origin (the speaker view and its previews) may talk to the deck.
  window.addEventListener(
    'message',
    function (event) {
      var trusted = sameOrigin(event.source) || (fromFile && (event.origin === 'null' || event.origin === 'file://'));
      if (!trusted) event.stopImmediatePropagation();
    },
    true,
  );
  // A slide preview inside the speaker view (`?receiver`): framed by a page of this origin,
  // never by another site that loads the deck with `?receiver` to read it through postMessage.
  var receiver =
    /(^|[?&])receiver(&|=|$)/.test(window.location.search.slice(1)) && window.parent !== window && (sameOrigin(window.parent) || fromFile);
  // Printing (`?print-pdf`): pages exactly the slide size, so a 1280x720 deck prints 16:9 pages.
  var printing = /(^|[?&])print-pdf(&|=|$)/.test(window.location.search.slice(1));
  window.Reveal.initialize({
    width: number(data.width, 1280),
    height: number(data.height, 720),
    margin: printing ? 0 : 0.04,
    center: false,
    hash: true,
    history: false,
    slideNumber: 'c/t',
    // A right-to-left deck (Arabic, Hebrew, ...): reveal.js mirrors its navigation too.
    rtl: document.documentElement.dir === 'rtl',
    showSlideNumber: 'all',
    controls: true,
    progress: true,
    transition: 'fade',
    // The deck talks to other windows only as a slide preview inside the speaker view
    // (which loads it with `?receiver`); otherwise no postMessage API, no events posted.
    postMessage: receiver,
    postMessageEvents: receiver,
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    showNotes: data.showNotes === 'true' ? 'separate-page' : false,
    plugins: window.RevealNotes ? [window.RevealNotes] : [],
  }).then(function () {
    // Wide exhibits: the fit model sizes a slide's height, but a formula (which KaTeX never breaks)
    // or a cell holding one can be wider than its box; shrink its text until it fits, once the
    // fonts it is measured in have loaded.
    var ready = document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve();
    return ready.then(fitWideExhibits, fitWideExhibits);
  }).then(function () {
    document.documentElement.setAttribute('data-briefdeck-ready', 'true');
  });

  function fitWideExhibits() {
    var sections = document.querySelectorAll('.reveal .slides section[data-kind]');
    Array.prototype.forEach.call(sections, function (section) {
      var hidden = window.getComputedStyle(section).display === 'none';
      var previous = section.style.display;
      if (hidden) section.style.display = 'block';
      var wide = section.querySelectorAll('.bd-math, pre.bd-code code, table.bd-table th, table.bd-table td');
      Array.prototype.forEach.call(wide, function (element) {
        if (element.closest('aside')) return;
        for (var round = 0; round < 4 && element.scrollWidth > element.clientWidth + 1; round += 1) {
          var size = parseFloat(window.getComputedStyle(element).fontSize);
          element.style.fontSize = (size * (element.clientWidth / element.scrollWidth) * 0.98).toFixed(2) + 'px';
          element.setAttribute('data-shrunk', 'true');
        }
      });
      if (hidden) section.style.display = previous;
    });
  }
})();
