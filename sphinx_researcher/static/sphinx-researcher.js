// sphinx-researcher: the one small script. Everything works without it.
(() => {
  // Copy buttons of BibTeX blocks: hidden until this script can make them work.
  document.querySelectorAll(".sr-bibtex .sr-copy").forEach((button) => {
    const code = button.parentElement.querySelector("pre");
    if (!code || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(code.textContent).then(() => {
        const label = button.textContent;
        button.textContent = button.dataset.copied || "Copied";
        setTimeout(() => { button.textContent = label; }, 1500);
      });
    });
  });

  // Printing shows every collapsed block (abstracts, BibTeX, older news), then puts the page
  // back as the reader left it. CSS alone cannot open <details> in every browser.
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = Array.from(document.querySelectorAll("details:not([open])"));
    opened.forEach((details) => { details.open = true; });
  });
  window.addEventListener("afterprint", () => {
    opened.forEach((details) => { details.open = false; });
    opened = [];
  });
})();
