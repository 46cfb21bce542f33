"""The language layer: how repcraft reads a rep's words, for routing and scoring alike.

- ``words``: normalisation and tokens.
- ``stemming``: the one stemmer (Snowball English).
- ``negation``: which words a "no", "not", "won't", "never" or "without" governs.
- ``numbers``: digits, money, percentages and dates, told apart from number words.
- ``similarity``: sentence similarity from a small static embedding model shipped in
  the ``wordllama`` wheel, loaded lazily on first use (never on the path of
  ``repcraft``, ``repcraft list`` or ``--help``), never downloaded.

Nothing outside this package imports the model library.
"""
