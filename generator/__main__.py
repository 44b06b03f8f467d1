"""``python -m generator`` runs the same CLI as the ``digest`` console script."""

from generator.cli import main

if __name__ == "__main__":
    main()
