import type { Catalogue } from '../en'

export const errorsRu: Catalogue['errors'] = {
  response_too_large: 'Сервер iProxy прислал ответ намного больше ожидаемого, и он не был прочитан. Попробуйте позже; если это повторяется, напишите в поддержку iProxy.',
  not_a_file: 'Это не обычный файл (это устройство, канал или сокет). Выберите список прокси в формате .txt, .csv или .json.',
}
