"""The CSL-JSON download splits each author's display name into family and given names: the
quick path for "First Middle Last" names gives what pybtex's Person gives, on real and tricky names."""

from __future__ import annotations

import pytest
from conftest import SHARED

from sphinx_researcher.parsing.names import display_name
from sphinx_researcher.render.citations import _split, _split_pybtex

TRICKY = [
    "Jane Q. Doe", "Jean-Pierre Dupont", "Ludwig van Beethoven", "Charles Louis Xavier Joseph de la Vallée Poussin",
    "John Smith Jr.", "Zsófia Novák", "Émile Zola", "Ángel Pérez", "Ümit Yılmaz", "ß Straße", "Doe", "van Doe",
    "Jane  Doe", " Jane Doe", "Jane Doe ", "J. R. R. Tolkien", "Pål Schäfer", "O'Neil Patrick", "d'Alembert Jean",
    "Ng Andrew Y.", "李 小龙", "Σωκράτης Παπαδόπουλος", "María José Carreño Quiñones", "MacDonald Old", "DeWitt Bryce",
    "Jane {Doe}", "Doe, Jane", "Jane~Doe", "Jane Doe\tSmith", "Ola Nordmann-Hansen", "E. Ôlsen", "1st Author",
    "Rosalía du Løvstad", "Jean de La Fontaine", "de la Cruz", "Jane doe", "van der Berg Anna", "Anna van der Berg",
    "Ludwig van der Waals de Jong", "Ǆemal Bijedić", "ǅemal Bijedić", "Ana della Rovere-Pérez", "Kim jong un",
]


def real_names() -> list[str]:
    from pybtex.database import parse_file

    names = []
    for path in sorted((SHARED / "data").rglob("*.bib")):
        try:
            data = parse_file(str(path))
        except Exception:  # a file pybtex cannot read is not what this test is about
            continue
        for entry in data.entries.values():
            for persons in entry.persons.values():
                names += [display_name(str(person)) for person in persons]
    return names


@pytest.mark.parametrize("name", TRICKY)
def test_quick_split_is_pybtex_split(name: str) -> None:
    assert _split.__wrapped__(name) == _split_pybtex(name)


def test_quick_split_is_pybtex_split_on_real_names() -> None:
    if not (SHARED / "data").is_dir():
        pytest.skip("the shared data is not there")
    names = real_names()
    assert len(names) > 50
    different = [name for name in names if _split.__wrapped__(name) != _split_pybtex(name)]
    assert not different


def test_quick_split_is_pybtex_split_on_random_names() -> None:
    import random

    rng = random.Random(14)
    words = ["Jane", "jane", "Doe", "van", "der", "de", "La", "la", "Ôlsen", "ôlsen", "李", "Σωκράτης", "d'Alembert",
             "O'Neil", "Mary-Ann", "mary-ann", "Ǆ", "ǅemal", "J.", "j.", "Ünal", "üNAL"]
    for _ in range(3000):
        name = " ".join(rng.choice(words) for _ in range(rng.randint(2, 6)))
        assert _split.__wrapped__(name) == _split_pybtex(name), name
