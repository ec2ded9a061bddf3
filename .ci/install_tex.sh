#!/usr/bin/env bash
# Install the TeX Live subset that compiles sphinx-researcher's LaTeX CV (pdflatex and
# xelatex + xeCJK for Chinese names) plus poppler-utils for the PDF text checks.
# Idempotent: when every package is already installed it does nothing (no apt-get update).
# Waits for an apt/dpkg lock held by another process instead of failing.
set -euo pipefail

PACKAGES=(
  # pdflatex: Sphinx's sphinx.sty/sphinxhowto.cls needs these (fncychap, tabulary,
  # capt-of, needspace, wrapfig, ... are in -latex-extra; tgtermes/tgheros fonts in tex-gyre)
  latexmk
  texlive-latex-recommended
  texlive-latex-extra
  texlive-fonts-recommended
  tex-gyre
  # xelatex + xeCJK and a CJK font (FandolSong/FandolHei from -lang-chinese), FreeSerif OTF
  # that Sphinx's xelatex setup asks fontspec for
  texlive-xetex
  texlive-lang-cjk
  texlive-lang-chinese
  fonts-freefont-otf
  # pdftotext, pdfinfo, pdftoppm for the tests
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
