"""The demo articles in the shipped languages beyond English, Dutch and German (those three
are in ``knowledge.demo_content``): one module per language, {slug: (title, summary, body)},
each body with the same markup as the English one."""

from knowledge.demo_articles import ar, es, fr, it, pl, pt

TRANSLATIONS: dict[str, dict[str, tuple[str, str, str]]] = {
    "ar": ar.ARTICLES,
    "es": es.ARTICLES,
    "fr": fr.ARTICLES,
    "it": it.ARTICLES,
    "pl": pl.ARTICLES,
    "pt": pt.ARTICLES,
}
