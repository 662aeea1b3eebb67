import { interleavingPreference, SeededRandom, type UserCredits } from "@personalize-ab/statistics";
import { describe, expect, it } from "vitest";
import { combinePairCells, EMPTY_PAIR_CELL, type PairCell, preferenceOfCell, userPairCell } from "../src";

const SEED = Number(process.env.CELLS_SEED ?? Date.now() % 1_000_000);

const cellOf = (users: readonly UserCredits[]) =>
  users.reduce<PairCell>((cell, credits) => combinePairCells(cell, userPairCell(credits)), EMPTY_PAIR_CELL);

const sampleUsers = (random: SeededRandom): UserCredits[] =>
  Array.from({ length: random.int(0, 40) }, () => ({
    wins: random.int(0, 4),
    losses: random.int(0, 3),
    ties: random.int(0, 2),
  }));

describe(`a pair's preference from its cell's sums (seed ${SEED}, CELLS_SEED)`, () => {
  it("is interleavingPreference of the users' credits, to the bit, over seeded samples", () => {
    console.log(`pair cell samples seed ${SEED} (CELLS_SEED)`);
    const random = new SeededRandom(SEED);
    for (let sample = 0; sample < 300; sample++) {
      const users = sampleUsers(random);
      // Summed in the same order, the cell and the credits are one computation.
      expect(preferenceOfCell(cellOf(users))).toEqual(interleavingPreference(users));
    }
  });

  it("is interleavingPreference to rounding when users' credits were replaced in the cell as they grew", () => {
    const random = new SeededRandom(SEED + 1);
    for (let sample = 0; sample < 100; sample++) {
      const users = sampleUsers(random);
      // As the counters keep it: each user's contribution is taken out and put back per impression.
      let cell = EMPTY_PAIR_CELL;
      for (const final of users) {
        let credits = { wins: 0, losses: 0, ties: 0 };
        for (const step of ["wins", "losses", "ties"] as const) {
          for (let i = 0; i < final[step]; i++) {
            const grown = { ...credits, [step]: credits[step] + 1 };
            cell = combinePairCells(combinePairCells(cell, userPairCell(credits), -1), userPairCell(grown));
            credits = grown;
          }
        }
      }
      const want = interleavingPreference(users);
      const have = preferenceOfCell(cell);
      expect(have).toMatchObject({
        users: want.users,
        significant: want.significant,
        users_preferring: want.users_preferring,
      });
      expect(have.preference).toBeCloseTo(want.preference, 12);
      expect(have.ci[0]).toBeCloseTo(want.ci[0], 10);
      expect(have.ci[1]).toBeCloseTo(want.ci[1], 10);
      expect(have.p_value).toBeCloseTo(want.p_value, 10);
    }
  });

  it("replaces a user's contribution exactly: old out, new in", () => {
    const before = cellOf([
      { wins: 1, losses: 0, ties: 0 },
      { wins: 0, losses: 2, ties: 1 },
    ]);
    const moved = combinePairCells(
      combinePairCells(before, userPairCell({ wins: 0, losses: 2, ties: 1 }), -1),
      userPairCell({ wins: 1, losses: 2, ties: 1 }),
    );
    expect(moved).toEqual(
      cellOf([
        { wins: 1, losses: 0, ties: 0 },
        { wins: 1, losses: 2, ties: 1 },
      ]),
    );
    expect(userPairCell({ wins: 0, losses: 0, ties: 0 })).toEqual(EMPTY_PAIR_CELL);
  });

  it("reads equal preferences left with rounding in their sums as unanimous", () => {
    const users = Array.from({ length: 7 }, () => ({ wins: 2, losses: 1, ties: 0 }));
    expect(preferenceOfCell(cellOf(users))).toMatchObject({ p_value: 0, significant: true, users: 7 });
    expect(preferenceOfCell(cellOf(users)).preference).toBeCloseTo(1 / 3, 15);
  });
});
