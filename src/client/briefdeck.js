/* briefdeck: start reveal.js with the options the deck carries as data attributes. */
(function () {
  'use strict';
  var root = document.querySelector('.reveal');
  var data = root ? root.dataset : {};
  var number = function (value, fallback) {
    var parsed = Number(value);
    return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
  };
  // A slide preview inside the speaker view (`?receiver`).
  var receiver = /(^|[?&])receiver(&|=|$)/.test(window.location.search.slice(1));
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
    // The deck talks to other windows only as a slide preview inside the speaker view
    // (which loads it with `?receiver`); otherwise no postMessage API, no events posted.
    postMessage: receiver,
    postMessageEvents: receiver,
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    showNotes: data.showNotes === 'true' ? 'separate-page' : false,
    plugins: window.RevealNotes ? [window.RevealNotes] : [],
  }).then(function () {
    document.documentElement.setAttribute('data-briefdeck-ready', 'true');
  });
})();
