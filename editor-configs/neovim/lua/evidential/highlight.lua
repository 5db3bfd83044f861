-- Optional: colours hedges, vague sources and attribution cues with Evidential's prose grammar
-- (grammar/prose) and its queries/highlights.scm, without the server. Needs parser/prose.so on the
-- runtimepath (editor-configs/neovim/build-parser makes it). The server's diagnostics remain the
-- configurable, context-aware version of the same idea.
local M = {}

-- Highlight groups for the query's captures. Neovim 0.10+ defines most @-groups itself; these are
-- defaults only, so a colour scheme's choices win.
local links = {
  ['comment.warning'] = 'DiagnosticWarn',
  ['comment.note'] = 'DiagnosticInfo',
  ['keyword'] = 'Keyword',
  ['markup.quote'] = 'String',
  ['markup.link'] = 'Underlined',
  ['markup.link.label'] = 'Identifier',
  ['markup.link.url'] = 'Underlined',
  ['markup.raw'] = 'String',
  ['number'] = 'Number',
  ['tag'] = 'Tag',
  ['string'] = 'String',
  ['string.escape'] = 'SpecialChar',
  ['punctuation.delimiter'] = 'Delimiter',
  ['punctuation.bracket'] = 'Delimiter',
}

local function define_groups()
  local hl_map = vim.treesitter.highlighter.hl_map
  if hl_map then -- Neovim 0.7: captures map to groups through this table
    for capture, group in pairs(links) do
      if rawget(hl_map, capture) == nil then
        hl_map[capture] = group
      end
    end
    return
  end
  for capture, group in pairs(links) do -- 0.8+: a capture is the group "@capture"
    vim.cmd(('highlight default link @%s %s'):format(capture, group))
  end
end

--- Whether Neovim can load the prose parser (parser/prose.so on the runtimepath).
function M.available()
  local add = (vim.treesitter.language and vim.treesitter.language.add) or vim.treesitter.require_language
  local ok, loaded, err = pcall(add, 'prose')
  -- 0.7 returns true or raises; 0.9 returns nothing or raises; 0.10+ returns true or nil and an error.
  return ok and loaded ~= false and not (loaded == nil and err ~= nil)
end

--- Starts prose highlighting in `bufnr` (default: the current buffer). Returns false, after saying
--- how to build the parser, when it is missing.
function M.enable(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if not M.available() then
    vim.notify(
      'Evidential: the prose parser is not on the runtimepath; run editor-configs/neovim/build-parser',
      vim.log.levels.WARN
    )
    return false
  end
  define_groups()
  if vim.treesitter.start then -- 0.8+
    vim.treesitter.start(bufnr, 'prose')
  else
    vim.treesitter.highlighter.new(vim.treesitter.get_parser(bufnr, 'prose'))
  end
  return true
end

return M
