"""The {{name}} plugin for One Identity Safeguard for Privileged Sessions (SPS)."""
