# PledgeBot: the Telegram bot in a slim image, running as an unprivileged user.
# Build:  docker build -t pledgebot .
# Run:    docker run -e TELEGRAM_BOT_TOKEN=... pledgebot
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 pledgebot
WORKDIR /app

# Dependencies and the package come from pyproject.toml; the knowledge ships inside the package.
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
RUN pip install . && rm -rf /app/build

# Broken knowledge fails the build here, not the bot in production.
RUN pledgebot check

USER pledgebot
CMD ["pledgebot", "run"]
