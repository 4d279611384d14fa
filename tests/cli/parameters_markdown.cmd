args: parameters --model-dir models
exit: 0
stdout-file: docs/model-parameters.md
