import { compileChecker, type Answers } from './checker.ts';
import { surveyModel } from './survey-model.ts';

/**
 * Random answer sets that pass the checker of a definition: pick a value for every question,
 * then drop what the checker reports (answers to questions their conditions hide). For load
 * tests and the benchmark; never used to produce data shown as real.
 */
export function sampleAnswers(definition: object, random: () => number = Math.random): () => Answers {
  const model = surveyModel(definition);
  const checker = compileChecker(definition);
  const questions = model.getAllQuestions(false);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  return () => {
    const a: Answers = {};
    for (const q of questions) {
      const any = q as unknown as Record<string, unknown>;
      const values = ((any.choices as { value: number }[] | undefined) ?? []).map((c) => c.value);
      switch (q.getType()) {
        case 'radiogroup':
        case 'dropdown':
          a[q.name] = pick(values);
          break;
        case 'checkbox':
          a[q.name] = [...new Set([pick(values), pick(values)])];
          break;
        case 'rating':
          a[q.name] = pick((any.visibleRateValues as { value: number }[]).map((v) => v.value));
          break;
        case 'comment':
        case 'text':
          if (random() < 0.3) a[q.name] = 'Mehr Busverbindungen ins Umland und Weiterbildung für Beschäftigte.';
          break;
      }
    }
    for (let i = 0; i < 5; i++) {
      const errors = checker.check(a);
      if (Object.keys(errors).length === 0) return a;
      for (const key of Object.keys(errors)) delete a[key];
    }
    throw new Error('could not generate a valid answer set');
  };
}
