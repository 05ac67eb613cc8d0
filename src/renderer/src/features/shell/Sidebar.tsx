import { useShallow } from 'zustand/react/shallow'
import { SECTIONS, useNavigation } from '../../stores/navigation'

export function Sidebar() {
  const { section, show } = useNavigation(useShallow((s) => ({ section: s.section, show: s.show })))
  return (
    <nav className="sidebar" aria-label="Sections">
      <div className="brand">iProxy Desktop</div>
      <ul>
        {SECTIONS.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className="nav-item"
              aria-current={section === item.id ? 'page' : undefined}
              onClick={() => show(item.id)}
            >
              {item.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
