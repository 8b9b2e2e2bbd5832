/**
 * Draws people from the background for ring roles, mule accounts and victims, never giving the
 * same person two parts (a victim is never a member of a ring, a member never a mule).
 */
import type { Person } from '../population/model';
import type { Rng } from '../../server/lib/random';

export class PersonPicker {
  private readonly taken = new Set<number>();

  constructor(private readonly people: readonly Person[]) {}

  /** Marks a person as used. */
  claim(person: Person): Person {
    this.taken.add(person.index);
    return person;
  }

  /** True when the person already has a part. */
  isTaken(person: Person): boolean {
    return this.taken.has(person.index);
  }

  /** An unused person for whom `fits` holds; throws when none is left. */
  pick(rng: Rng, fits: (person: Person) => boolean): Person {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const person = this.people[rng.int(0, this.people.length - 1)];
      if (person && !this.taken.has(person.index) && fits(person)) return this.claim(person);
    }
    const start = rng.int(0, this.people.length - 1);
    for (let i = 0; i < this.people.length; i += 1) {
      const person = this.people[(start + i) % this.people.length];
      if (person && !this.taken.has(person.index) && fits(person)) return this.claim(person);
    }
    throw new Error('seed: the population is too small for the rings and victims asked for');
  }
}
