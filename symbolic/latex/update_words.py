r"""The words that mark a weight's value after and before an update, in the languages the corpus
reads: w_5^{new} = w_5^{old} - \eta ..., w_{nuevo} = w_{viejo} - \eta ..., w(\text{neu}).

Lowercase, as written; a word is matched whole (stripped of parentheses and spaces).
"""

NEW = frozenset(
    {
        "new",
        "updated",
        "next",
        "nuevo",  # Spanish
        "nueva",
        "novo",  # Portuguese
        "nova",
        "nuovo",  # Italian
        "nuova",
        "neu",  # German
        "nouveau",  # French
        "nouvelle",
        "yeni",  # Turkish
    }
)
OLD = frozenset(
    {
        "old",
        "current",
        "viejo",  # Spanish
        "vieja",
        "anterior",  # Spanish, Portuguese
        "antiguo",
        "antigo",  # Portuguese
        "velho",
        "vecchio",  # Italian
        "alt",  # German
        "ancien",  # French
        "ancienne",
        "eski",  # Turkish
    }
)
