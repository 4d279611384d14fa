args: fields --markdown
exit: 0
stdout-file: docs/patient-fields.md
