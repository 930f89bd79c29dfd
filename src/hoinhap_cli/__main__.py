from hoinhap_cli.startup import main  # Ctrl-C during start-up: one line

main()
