/** A yellow star on red: the app's mark, drawn inline (no image request, fine under the CSP). */
export function PartyEmblem({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" role="img" aria-label="Biểu tượng">
      <circle cx="32" cy="32" r="31" fill="#b3141b" stroke="#f7d117" strokeWidth="2" />
      <polygon
        fill="#f7d117"
        points="32,10 37.9,25.9 54.8,26.6 41.5,37.1 46.1,53.4 32,44 17.9,53.4 22.5,37.1 9.2,26.6 26.1,25.9"
      />
    </svg>
  );
}
