"""The punctuation that bounds sentences and clauses in Chinese prose, named once for every reader.

Texts mix full-width marks with their ASCII forms (web pages, Hong Kong and Taiwan
releases), so each set holds both. The sets differ on purpose, by how much text a
reader wants between two marks: a sentence, a statement (a semicolon closes one claim
as firmly as a full stop), or a clause. None of the marks is special inside a regex
character class, so the strings go into `[...]` as they are.
"""

import re

# The marks that end a sentence in Chinese type: full stop, exclamation, question.
CHINESE_SENTENCE_ENDS = "。！？"
# The same, with the ASCII forms that web pages and typed texts use.
SENTENCE_ENDS = CHINESE_SENTENCE_ENDS + "!?"
SEMICOLONS = "；;"
COMMAS = "，,"
COLONS = "：:"
ELLIPSIS = "…"
# A sentence end or a semicolon: the end of one statement, for readers that take a claim at a time.
STATEMENT_ENDS = SENTENCE_ENDS + SEMICOLONS
# Marks only running prose has: a headline or a label has none of these.
PROSE_MARKS = COMMAS + STATEMENT_ENDS
# Every mark that closes a clause, colons included.
CLAUSE_ENDS = COMMAS + SEMICOLONS + COLONS + SENTENCE_ENDS

SENTENCE_END = re.compile(f"[{SENTENCE_ENDS}]")
STATEMENT_END = re.compile(f"[{STATEMENT_ENDS}]")
PROSE_MARK = re.compile(f"[{PROSE_MARKS}]")
