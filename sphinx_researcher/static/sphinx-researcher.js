// sphinx-researcher: the copy buttons of BibTeX blocks. Without JavaScript the buttons stay
// hidden and the BibTeX text stays selectable.
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
