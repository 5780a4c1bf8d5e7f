/** Plain text with blank lines between paragraphs, shown as paragraphs (no markup is interpreted). */
export function Paragraphs({ text, className }: { text: string; className?: string }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <div className={['prose', className].filter(Boolean).join(' ')} dir="auto">
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}
