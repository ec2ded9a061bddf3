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

  // Top-bar links to this page's own sections (theme option nav_sections): mark the section
  // being read. Without this script they are plain anchors.
  const sections = Array.from(document.querySelectorAll(".sr-nav a.sr-nav-section[href^='#']"))
    .map((link) => [link, document.getElementById(decodeURIComponent(link.hash.slice(1)))])
    .filter(([, target]) => target);
  if (sections.length && "IntersectionObserver" in window) {
    const mark = () => {
      const line = window.innerHeight * 0.3;
      let current = null;
      sections.forEach(([link, target]) => {
        if (target.getBoundingClientRect().top <= line) current = link;
      });
      const atEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
      if (atEnd && window.scrollY > 0) current = sections[sections.length - 1][0];
      sections.forEach(([link]) => {
        if (link === current) link.setAttribute("aria-current", "location");
        else link.removeAttribute("aria-current");
      });
    };
    // Fires whenever a section crosses the top 30 % of the window, where reading happens.
    const observer = new IntersectionObserver(mark, { rootMargin: "0px 0px -70% 0px" });
    sections.forEach(([, target]) => observer.observe(target));
    // A short last section never reaches that band: the footer coming into view marks it.
    const footer = document.querySelector("footer");
    if (footer) new IntersectionObserver(mark).observe(footer);
    window.addEventListener("hashchange", mark);
    mark();
  }

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
