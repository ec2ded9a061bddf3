#!/usr/bin/env bash
# Install the TeX Live subset that compiles sphinx-researcher's LaTeX CV (pdflatex and
# xelatex + xeCJK for Chinese names) plus poppler-utils for the PDF text checks.
# Idempotent: when every package is already installed it does nothing (no apt-get update).
# Waits for an apt/dpkg lock held by another process instead of failing.
set -euo pipefail

# Checked with `latexmk -recorder` on the compiled CVs (every file TeX read, mapped to its
# package with dpkg -S), installing with --no-install-recommends:
PACKAGES=(
  latexmk
  # sphinx.sty's own needs: capt-of, enumitem, framed, needspace, tabulary, titlesec, upquote,
  # varwidth, wrapfig (-latex-extra, which also pulls texlive-pictures for pict2e/ellipse)
  texlive-latex-recommended
  texlive-latex-extra
  # pdflatex: Sphinx's default fonts are TeX Gyre Termes/Heros (tex-gyre) and txtt for
  # monospace (-fonts-recommended, also zapfding)
  texlive-fonts-recommended
  tex-gyre
  # xelatex: fontspec with FreeSerif/FreeSans/FreeMono (fonts-freefont-otf, Sphinx's xelatex
  # default); xeCJK (-lang-cjk) with the Fandol fonts (-lang-chinese)
  texlive-xetex
  texlive-lang-cjk
  texlive-lang-chinese
  fonts-freefont-otf
  # pdftotext, pdfinfo, pdffonts, pdftoppm for the tests
  poppler-utils
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install_tex: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "install_tex: installing ${missing[*]}"
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
