import { describe, expect, it } from 'vitest';
import { HashingEmbeddings } from '../../../src/models/offline-embeddings.js';

const embeddings = new HashingEmbeddings();

function cosine(first: Float32Array, second: Float32Array): number {
  let dot = 0;
  for (let index = 0; index < first.length; index += 1) dot += (first[index] as number) * (second[index] as number);
  return dot;
}

const similarity = (first: string, second: string) => cosine(embeddings.embed(first), embeddings.embed(second));
const length = (vector: Float32Array) => Math.sqrt(cosine(vector, vector));

describe('HashingEmbeddings', () => {
  it('gives the same unit-length vector for the same text, in every call form', async () => {
    const text = 'my dext fails to load after the macOS update';
    const direct = embeddings.embed(text);
    expect(length(direct)).toBeCloseTo(1, 5);
    expect(await embeddings.embedQuery(text)).toEqual(Array.from(direct));
    expect((await embeddings.embedDocuments([text, text]))[1]).toEqual(Array.from(direct));
    expect(Array.from(new HashingEmbeddings().embed(text))).toEqual(Array.from(direct));
  });

  it('returns a zero vector, never NaN, for text without words', () => {
    const vector = embeddings.embed('?! …');
    expect(vector.every((value) => value === 0)).toBe(true);
  });

  it('names its feature set and length, so an index built with another one is refused', () => {
    const small = new HashingEmbeddings({ dimensions: 256 });
    expect(small.embed('usb').length).toBe(256);
    expect(small.asEmbedder().identity).toEqual({ id: small.modelId, dimension: 256 });
    expect(small.modelId).not.toBe(embeddings.modelId);
  });

  it('brings words of one driver concept together (iPhone meets iOS, crash meets panic)', () => {
    expect(similarity('iPhone crash', 'iOS panic')).toBeGreaterThan(similarity('iPhone crash', 'printer toner'));
    expect(similarity('webcam extension', 'camera extension')).toBeGreaterThan(similarity('webcam extension', 'audio extension'));
  });

  it('matches an exact technical symbol more than the words around it', () => {
    const question = 'IOServiceOpen returns an error';
    expect(similarity(question, 'calling IOServiceOpen from the app')).toBeGreaterThan(similarity(question, 'the app returns an error'));
  });

  it('folds spelling variants through character trigrams', () => {
    expect(similarity("DriverKit's matching", 'driverkit matching')).toBeGreaterThan(0.8);
  });

  it('keeps a word repeated many times from dominating (sublinear term frequency)', () => {
    // With raw counts the fifty repeats would leave the other words about 2% of the vector.
    const flooded = `${'error '.repeat(50)} usb serial adapter`;
    expect(similarity(flooded, 'usb serial adapter')).toBeGreaterThan(0.15);
  });
});
