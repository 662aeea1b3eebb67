#!/usr/bin/env python3
"""Expected A/B assignments, computed with the recipe's own algorithm (hashlib md5, float running sum).

Prints JSON: {"cases": [{"user_id", "test_name", "weights": [[id, weight], ...], "point", "variant"}]}.
Run: python3 scripts/assignment_fixture.py > fixtures/assignments.json
"""
import hashlib
import json
import random


def assign_variant(user_id, test_name, config):
    # Verbatim logic of the recipe's ab_test_router.assign_variant (step 3).
    hash_input = f"{user_id}-{test_name}".encode('utf-8')
    hash_value = int(hashlib.md5(hash_input).hexdigest(), 16)
    normalized_hash = (hash_value % 10000) / 10000.0
    cumulative = 0
    for variant, probability in config.items():
        cumulative += probability
        if normalized_hash <= cumulative:
            return variant, normalized_hash
    return next(iter(config)), normalized_hash


WEIGHT_SETS = [
    {"variant_a": 0.33, "variant_b": 0.33, "variant_c": 0.34},
    {"control": 0.5, "treatment": 0.5},
    {"a": 0.1, "b": 0.2, "c": 0.3, "d": 0.4},
    {"a": 0.7, "b": 0.1, "c": 0.1, "d": 0.1},
    {"x": 0.25, "y": 0.25, "z": 0.25, "w": 0.25},
    {"only": 1.0},
]
TEST_NAMES = ["default_recommendation_test", "homepage_carousel", "checkout-upsell", "ünïcode_test"]


def user_ids():
    rng = random.Random(411)
    ids = [f"user_{i:05d}" for i in range(600)]
    ids += ["", "a", "user_00001", "USER_00001", " user_00001 ", "user-00001-default_recommendation_test"]
    ids += ["ユーザー", "пользователь_7", "用户🙂", "naïve café", "emoji🎉🎉", "ünïcode_test"]
    ids += ["x" * 256, "long_" + "é" * 200, "🙂" * 100]
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:@ ßøπλ中文🙂"
    while len(ids) < 1200:
        ids.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 64))))
    return ids


cases = []
for index, user_id in enumerate(user_ids()):
    # Every user under the recipe's default test, and under one other test and weight set in turn.
    pairings = [(TEST_NAMES[0], WEIGHT_SETS[0]), (TEST_NAMES[index % len(TEST_NAMES)], WEIGHT_SETS[index % len(WEIGHT_SETS)])]
    for test_name, weights in pairings:
        variant, point = assign_variant(user_id, test_name, weights)
        cases.append({
            "user_id": user_id,
            "test_name": test_name,
            "weights": [[k, v] for k, v in weights.items()],
            "point": point,
            "variant": variant,
        })


def boundary_user(test_name, bucket):
    """A user id whose point is exactly bucket/10000 under test_name (found by search, deterministic)."""
    n = 0
    while True:
        candidate = f"boundary_{bucket}_{n}"
        if int(hashlib.md5(f"{candidate}-{test_name}".encode("utf-8")).hexdigest(), 16) % 10000 == bucket:
            return candidate
        n += 1


# Users sitting exactly on a running-sum boundary decide between <= and <, and expose float sums
# such as 0.1 + 0.2 = 0.30000000000000004: include one on, and one just past, every boundary.
for weights in WEIGHT_SETS:
    running = 0
    for _, weight in weights.items():
        running += weight
        bucket = min(round(running * 10000), 9999)
        for b in (bucket, bucket + 1):
            if b > 9999:
                continue
            test_name = TEST_NAMES[1]
            user_id = boundary_user(test_name, b)
            variant, point = assign_variant(user_id, test_name, weights)
            cases.append({
                "user_id": user_id,
                "test_name": test_name,
                "weights": [[k, v] for k, v in weights.items()],
                "point": point,
                "variant": variant,
            })

print(json.dumps({"cases": cases}, ensure_ascii=False, indent=0))
