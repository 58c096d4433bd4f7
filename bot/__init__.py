"""PledgeBot: answers questions about Alibaba's 2021 common prosperity pledges."""

__version__ = "0.1.0"
