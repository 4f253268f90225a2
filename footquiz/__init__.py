"""footquiz: could your foot pain come from your back? A step-by-step self-check."""
