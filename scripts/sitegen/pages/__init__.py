"""Page builders: each module exposes ``build(content) -> dict[path, markdown]`` for its section."""
