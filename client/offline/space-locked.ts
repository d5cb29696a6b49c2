/**
 * Something of a researcher who has a space on this tablet cannot be stored while their space is
 * locked (idle, hand-over, signed out): it would have to be stored in plain, which never happens
 * (issue 17). The caller keeps it in memory and tries again once the space is unlocked.
 */
export class SpaceLockedError extends Error {
  constructor() {
    super("The researcher's space is locked: unlock it with the PIN to save.");
    this.name = "SpaceLockedError";
  }
}
