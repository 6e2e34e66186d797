/**
 * For each question of a Posts.xml, the id of its last answer: what the second pass needs to
 * know when a question is complete. Dumps list posts in id order, so question ids arrive
 * sorted: they go into two typed arrays (8 bytes a question, whatever the site's size) and an
 * answer finds its question by binary search. Rows out of order switch it to a Map.
 */
export class LastAnswerIndex {
  private questionIds: Uint32Array = new Uint32Array(1024);
  private lastAnswers: Uint32Array = new Uint32Array(1024);
  private size = 0;
  private unsorted: Map<number, number> | undefined;

  addQuestion(id: number): void {
    if (this.unsorted) {
      if (!this.unsorted.has(id)) this.unsorted.set(id, 0);
      return;
    }
    if (this.size > 0 && id <= (this.questionIds[this.size - 1] as number)) {
      this.unsorted = new Map();
      for (let index = 0; index < this.size; index += 1) this.unsorted.set(this.questionIds[index] as number, this.lastAnswers[index] as number);
      this.questionIds = this.lastAnswers = new Uint32Array(0);
      this.addQuestion(id);
      return;
    }
    if (this.size === this.questionIds.length) {
      this.questionIds = grow(this.questionIds);
      this.lastAnswers = grow(this.lastAnswers);
    }
    this.questionIds[this.size] = id;
    this.size += 1;
  }

  addAnswer(questionId: number, answerId: number): void {
    if (this.unsorted) {
      const last = this.unsorted.get(questionId);
      if (last !== undefined && answerId > last) this.unsorted.set(questionId, answerId);
      return;
    }
    const index = this.find(questionId);
    if (index !== -1 && answerId > (this.lastAnswers[index] as number)) this.lastAnswers[index] = answerId;
  }

  /** The question's last answer id, or undefined when it has none (or is not a question of the file). */
  lastAnswerOf(questionId: number): number | undefined {
    const last = this.unsorted ? this.unsorted.get(questionId) : this.lastAnswers[this.find(questionId)];
    return last ? last : undefined;
  }

  private find(id: number): number {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = this.questionIds[middle] as number;
      if (value === id) return middle;
      if (value < id) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}

function grow(array: Uint32Array): Uint32Array {
  const bigger = new Uint32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
