import type { AudienceQuestion, AudienceQuestionStatus } from '../../../contracts/live.ts';

const ORDER: Record<AudienceQuestionStatus, number> = { pending: 0, approved: 1, answered: 2, hidden: 3 };

/** Pending first (oldest first, as they came in), then approved by support, answered, hidden. */
export function moderationOrder(questions: readonly AudienceQuestion[]): AudienceQuestion[] {
  return [...questions].sort(
    (a, b) =>
      ORDER[a.status] - ORDER[b.status] ||
      (a.status === 'pending' ? a.createdAt.localeCompare(b.createdAt) : b.upvotes - a.upvotes || a.createdAt.localeCompare(b.createdAt)),
  );
}

/** What the projector shows of the audience's questions: approved ones, most support first. */
export function projectorQuestions(questions: readonly AudienceQuestion[]): AudienceQuestion[] {
  return questions.filter((q) => q.status === 'approved').sort((a, b) => b.upvotes - a.upvotes || a.createdAt.localeCompare(b.createdAt));
}
