"""Items of the Hugging Face daily papers API (`GET /api/daily_papers?date=...`) in the shape
huggingface_hub's PaperInfo reads: `paper` {id (arXiv), title, summary, authors [{name, ...}],
publishedAt, submittedOnDailyAt, upvotes, githubRepo, githubStars, projectPage, ai_keywords,
ai_summary, ...} and top-level publishedAt (the day on the list), title, summary, numComments,
submittedBy, thumbnail."""

from __future__ import annotations

import json
from datetime import date


def arxiv_id(day: date, number: int) -> str:
    return f"{day:%y%m}.{(day.day * 1000 + number) % 100000:05d}"


def daily_item(day: date, number: int, *, title: str | None = None) -> dict:
    aid = arxiv_id(day, number)
    title = title or f"Paper {number} of {day.isoformat()}: scaling tests for loopback servers"
    summary = (f"We study case {number} of the day {day.isoformat()}. Our method improves the "
               "baseline by a margin on every benchmark we tried.")
    on_list = f"{day.isoformat()}T{number % 24:02d}:00:00.000Z"
    return {
        "paper": {
            "id": aid,
            "authors": [
                {"_id": f"a{number}x", "name": "Ada Lovelace", "hidden": False},
                {"_id": f"b{number}y", "name": "Jan van der Berg", "hidden": False,
                 "user": {"user": "jvdb", "fullname": "Jan van der Berg"}},
            ],
            "publishedAt": f"{day.isoformat()}T00:00:00.000Z",
            "submittedOnDailyAt": on_list,
            "title": title,
            "summary": summary,
            "upvotes": number % 37,
            "discussionId": f"d{aid}",
            "githubRepo": f"https://github.com/example/paper-{number}" if number % 3 == 0 else None,
            "githubStars": number * 3 if number % 3 == 0 else None,
            "projectPage": f"https://example.org/p{number}" if number % 5 == 0 else None,
            "ai_summary": f"Case {number} improves the baseline.",
            "ai_keywords": ["loopback", "paging"],
        },
        "publishedAt": on_list,
        "title": title,
        "summary": summary,
        "thumbnail": f"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{aid}.png",
        "numComments": number % 4,
        "submittedBy": {"_id": "u1", "avatarUrl": "/avatars/u1.svg", "fullname": "Someone",
                        "name": "someone", "type": "user", "isPro": False},
        "isAuthorParticipating": False,
    }


def daily_items(day: date, count: int) -> list[dict]:
    return [daily_item(day, n) for n in range(1, count + 1)]


def dumps(items: list[dict]) -> bytes:
    return json.dumps(items, ensure_ascii=False).encode()
