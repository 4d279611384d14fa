args: schedule protocols/NCT02465580-he2020.toml --arm placebo --start 2027-01-04 --format ics --participant SLE-017 --unblinded
exit: 0
