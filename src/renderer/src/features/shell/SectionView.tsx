import { SECTIONS, useNavigation } from '../../stores/navigation'

/**
 * The selected section's screen. Sections whose screens are not built yet say so plainly rather than showing
 * invented data.
 */
export function SectionView() {
  const section = useNavigation((s) => s.section)
  const label = SECTIONS.find((s) => s.id === section)?.label ?? section
  return (
    <section className="section-view" aria-label={label}>
      <p className="empty-state">Nothing to show in {label} yet.</p>
    </section>
  )
}
