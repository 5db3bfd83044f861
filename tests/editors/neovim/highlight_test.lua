-- Headless Neovim test of the optional prose highlighting (lua/evidential/highlight.lua): the parser
-- built by editor-configs/neovim/build-parser loads, the grammar's highlights.scm parses under this
-- Neovim's query engine, and a hedge and an attribution cue get their captures.
local plugin, parser_dir, workspace, result =
  os.getenv('EVIDENTIAL_PLUGIN'), os.getenv('EVIDENTIAL_PARSER_DIR'), os.getenv('EVIDENTIAL_WORKSPACE'),
  os.getenv('EVIDENTIAL_RESULT')
vim.opt.runtimepath:prepend(plugin)
vim.opt.runtimepath:append(parser_dir)
vim.opt.swapfile = false
vim.cmd('filetype plugin on')

local lines, failures = {}, 0
local function check(ok, what)
  table.insert(lines, (ok and 'ok ' or 'FAIL ') .. what)
  if not ok then failures = failures + 1 end
end

local ok, err = pcall(function()
  local highlight = require('evidential.highlight')
  vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/bakery.txt'))
  local buf = vim.api.nvim_get_current_buf()
  check(highlight.available(), 'the prose parser loads')
  check(highlight.enable(buf) == true, 'enable() started highlighting')
  check(vim.treesitter.highlighter.active[buf] ~= nil, 'a tree-sitter highlighter is active on the buffer')
  local get_query = vim.treesitter.query and vim.treesitter.query.get or vim.treesitter.get_query
  local query = get_query('prose', 'highlights')
  check(query ~= nil, 'queries/prose/highlights.scm is found and parses')
  local root = vim.treesitter.get_parser(buf, 'prose'):parse()[1]:root()
  local captured = {}
  for id, node in query:iter_captures(root, buf, 0, -1) do
    local text = (vim.treesitter.get_node_text or vim.treesitter.query.get_node_text)(node, buf)
    captured[text] = query.captures[id]
  end
  check(captured['could'] == 'comment.warning', 'the hedge "could" is captured as comment.warning')
  check(captured['according'] == 'keyword', 'the cue "according" is captured as keyword')
end)
if not ok then check(false, 'the test raised: ' .. tostring(err)) end
table.insert(lines, failures .. ' failed')
local f = io.open(result, 'w')
f:write(table.concat(lines, '\n') .. '\n')
f:close()
vim.cmd(failures == 0 and 'qall!' or 'cquit! 1')
