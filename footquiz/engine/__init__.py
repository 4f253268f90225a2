"""The pure-Python core: every clinical rule, no reflex import."""
