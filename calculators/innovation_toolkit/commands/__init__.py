"""Sub-commands of `innovation-toolkit`; each module exposes ``register(subparsers)``."""
