/**
 * The Bot API methods that put something in a chat: sendMessage, sendPhoto, sendDocument, the
 * edits, deleteMessage and sendChatAction. Each checks the chat (known, not blocked, not
 * migrated), then the content, then the sending limits, and only then records the message.
 */
import { randomBytes } from 'node:crypto';
import { badRequest } from './api-error.ts';
import { appendBounded } from './bounded-log.ts';
import { checkCaption, checkMessageText, checkReplyMarkup, sameMarkup, type CheckedText } from './message-content.ts';
import type { MethodContext, MethodHandler } from './method-context.ts';
import { readChatId, readInt, readOptionalString } from './param-readers.ts';
import type { ParsedRequest } from './request-body.ts';
import type { SentMessage, TgChat, TgMessage, UploadedFile } from './types.ts';

const CHAT_ACTIONS = new Set([
  'typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice',
  'upload_document', 'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note',
]);

/** Methods that count against the sending limits. */
export const SENDING_METHODS = new Set(['sendMessage', 'sendPhoto', 'sendDocument', 'editMessageText', 'editMessageReplyMarkup']);

const sendMessage: MethodHandler = (ctx, { params }) => {
  const chat = ctx.chats.reachable(readChatId(params));
  const text = checkMessageText(params);
  const markup = checkReplyMarkup(params);
  ctx.admitSend(chat.id);
  const message = newMessage(ctx, chat, markup, { text: text.plain, ...entities('entities', text) });
  record(ctx, message, { method: 'sendMessage', text: text.raw, plainText: text.plain, parseMode: text.parseMode, replyMarkup: markup });
  return message;
};

function sendMedia(field: 'photo' | 'document', method: string): MethodHandler {
  return (ctx, request) => {
    const { params } = request;
    const chat = ctx.chats.reachable(readChatId(params));
    const media = readMedia(request, field);
    const caption = checkCaption(params);
    const markup = checkReplyMarkup(params);
    ctx.admitSend(chat.id);
    const fileId = `${field.toUpperCase()}_${randomBytes(12).toString('base64url')}`;
    const uniqueId = randomBytes(6).toString('base64url');
    const size = media.file?.bytes.length;
    const content: Partial<TgMessage> =
      field === 'photo'
        ? { photo: [{ file_id: fileId, file_unique_id: uniqueId, width: 1280, height: 720, ...(size === undefined ? {} : { file_size: size }) }] }
        : { document: { file_id: fileId, file_unique_id: uniqueId, ...(media.file === undefined ? {} : { file_name: media.file.filename, mime_type: media.file.contentType, file_size: size }) } };
    if (caption !== undefined) Object.assign(content, { caption: caption.plain }, entities('caption_entities', caption));
    const message = newMessage(ctx, chat, markup, content);
    record(ctx, message, {
      method,
      text: caption?.raw,
      plainText: caption?.plain,
      parseMode: caption?.parseMode,
      replyMarkup: markup,
      ...(media.file === undefined ? {} : { file: media.file }),
      ...(media.ref === undefined ? {} : { fileRef: media.ref }),
      ...(caption === undefined ? {} : { caption: caption.raw }),
    });
    return message;
  };
}

const editMessageText: MethodHandler = (ctx, { params }) => {
  const entry = findForEdit(ctx, params);
  if (entry.message.text === undefined) throw badRequest('there is no text in the message to edit');
  const text = checkMessageText(params);
  const markup = checkReplyMarkup(params);
  const sameText = text.plain === entry.message.text && JSON.stringify(text.entities) === JSON.stringify(entry.message.entities ?? []);
  if (sameText && sameMarkup(markup, entry.message.reply_markup)) throw notModified();
  ctx.admitSend(entry.message.chat.id);
  entry.message.text = text.plain;
  if (text.entities.length > 0) entry.message.entities = text.entities;
  else delete entry.message.entities;
  Object.assign(entry.record, { text: text.raw, plainText: text.plain, parseMode: text.parseMode });
  return applyEdit(entry, markup);
};

const editMessageReplyMarkup: MethodHandler = (ctx, { params }) => {
  const entry = findForEdit(ctx, params);
  const markup = checkReplyMarkup(params);
  if (sameMarkup(markup, entry.message.reply_markup)) throw notModified();
  ctx.admitSend(entry.message.chat.id);
  return applyEdit(entry, markup);
};

const deleteMessage: MethodHandler = (ctx, { params }) => {
  const chatId = readChatId(params);
  if (ctx.chats.get(chatId) === undefined) throw badRequest('chat not found');
  const entry = ctx.messages.find(chatId, readInt(params, 'message_id', 'message identifier is not specified'));
  if (entry === undefined) throw badRequest('message to delete not found');
  entry.record.deleted = true;
  return true;
};

const sendChatAction: MethodHandler = (ctx, { params }) => {
  const chat = ctx.chats.reachable(readChatId(params));
  const action = readOptionalString(params, 'action');
  if (action === undefined || action === '') throw badRequest('action is empty');
  if (!CHAT_ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
  appendBounded(ctx.chatActions, { chatId: chat.id, action, at: Date.now() }, ctx.maxRecords);
  return true;
};

/** Handlers by method name. */
export const MESSAGING_METHODS: Record<string, MethodHandler> = {
  sendMessage,
  sendPhoto: sendMedia('photo', 'sendPhoto'),
  sendDocument: sendMedia('document', 'sendDocument'),
  editMessageText,
  editMessageReplyMarkup,
  deleteMessage,
  sendChatAction,
};

function readMedia(request: ParsedRequest, field: string): { file?: UploadedFile; ref?: string } {
  const file = request.files[field];
  if (file !== undefined) return { file };
  const ref = readOptionalString(request.params, field);
  if (ref !== undefined && ref.startsWith('attach://')) {
    const attached = request.files[ref.slice('attach://'.length)];
    if (attached !== undefined) return { file: attached };
  }
  if (ref === undefined || ref === '') throw badRequest(`there is no ${field} in the request`);
  return { ref };
}

function newMessage(ctx: MethodContext, chat: TgChat, markup: unknown, content: Partial<TgMessage>): TgMessage {
  const message: TgMessage = { message_id: ctx.chats.nextMessageId(chat.id), from: ctx.bot, chat, date: Math.floor(Date.now() / 1000), ...content };
  if (hasInlineKeyboard(markup)) message.reply_markup = markup;
  return message;
}

function record(ctx: MethodContext, message: TgMessage, fields: Omit<SentMessage, 'messageId' | 'chatId' | 'at'>): void {
  ctx.messages.add({ messageId: message.message_id, chatId: message.chat.id, at: Date.now(), ...fields }, message);
}

function entities(name: 'entities' | 'caption_entities', text: CheckedText): Partial<TgMessage> {
  return text.entities.length === 0 ? {} : { [name]: text.entities };
}

function findForEdit(ctx: MethodContext, params: Record<string, unknown>): NonNullable<ReturnType<MethodContext['messages']['find']>> {
  if (params.inline_message_id !== undefined && params.chat_id === undefined) throw badRequest('inline messages are not supported by this emulator');
  const chat = ctx.chats.reachable(readChatId(params));
  const entry = ctx.messages.find(chat.id, readInt(params, 'message_id', 'message identifier is not specified'));
  if (entry === undefined) throw badRequest('message to edit not found');
  return entry;
}

function applyEdit(entry: NonNullable<ReturnType<MethodContext['messages']['find']>>, markup: unknown): TgMessage {
  if (hasInlineKeyboard(markup)) entry.message.reply_markup = markup;
  else delete entry.message.reply_markup;
  entry.message.edit_date = Math.floor(Date.now() / 1000);
  entry.record.replyMarkup = markup;
  entry.record.editedAt = Date.now();
  return entry.message;
}

function hasInlineKeyboard(markup: unknown): boolean {
  return markup !== null && typeof markup === 'object' && 'inline_keyboard' in markup;
}

function notModified(): ReturnType<typeof badRequest> {
  return badRequest('message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
}
