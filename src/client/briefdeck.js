/* briefdeck: start reveal.js with the options the deck carries as data attributes. */
(function () {
  'use strict';
  var root = document.querySelector('.reveal');
  var data = root ? root.dataset : {};
  var number = function (value, fallback) {
    var parsed = Number(value);
    return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
  };
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
    showSlideNumber: 'all',
    controls: true,
    progress: true,
    transition: 'fade',
    // The deck never talks to other windows: no postMessage API, no events posted.
    postMessage: false,
    postMessageEvents: false,
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    showNotes: data.showNotes === 'true' ? 'separate-page' : false,
    plugins: window.RevealNotes ? [window.RevealNotes] : [],
  }).then(function () {
    document.documentElement.setAttribute('data-briefdeck-ready', 'true');
  });
})();
