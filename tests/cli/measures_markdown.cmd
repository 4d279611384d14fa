args: measures
exit: 0
stdout-file: docs/measures.md
