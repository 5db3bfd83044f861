-- Headless Neovim end-to-end test of editor-configs/neovim against the real `evidential lsp`: the
-- plugin's own setup() attaches Markdown and text buffers to one client, diagnostics arrive with the
-- severity our settings ask for, and a quick fix applied through Neovim's code-action UI edits the
-- buffer. Driven by tests/editors/neovim/run, which sets the EVIDENTIAL_* variables below.
local env = {
  bin = os.getenv('EVIDENTIAL_BIN'),
  plugin = os.getenv('EVIDENTIAL_PLUGIN'),
  workspace = os.getenv('EVIDENTIAL_WORKSPACE'),
  result = os.getenv('EVIDENTIAL_RESULT'),
  log = os.getenv('EVIDENTIAL_LOG'),
}
local TIMEOUT = 20000

vim.opt.runtimepath:prepend(env.plugin)
vim.opt.swapfile = false
vim.opt.shortmess:append('F')
vim.cmd('filetype plugin on')

local lines, failures = {}, 0
local function note(fmt, ...)
  table.insert(lines, fmt:format(...))
end
local function check(ok, what)
  note('%s %s', ok and 'ok' or 'FAIL', what)
  if not ok then
    failures = failures + 1
  end
  return ok
end

local function clients_of(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr, name = 'evidential' })
  end
  local out = {}
  for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if c.name == 'evidential' then
      table.insert(out, c)
    end
  end
  return out
end

local function diagnostics_with(bufnr, code)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == code) then
      table.insert(out, d)
    end
  end
  return out
end

local function codes(bufnr)
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    seen[#seen + 1] = tostring(d.code)
  end
  table.sort(seen)
  return table.concat(seen, ',')
end

local function open(name)
  vim.cmd('edit ' .. vim.fn.fnameescape(env.workspace .. '/' .. name))
  return vim.api.nvim_get_current_buf()
end

local function run()
  local evidential = require('evidential')
  check(
    evidential.setup({
      cmd = { env.bin, 'lsp', '--log-file', env.log, '--log-level', 'debug' },
      -- hedge is "information" by default: "error" proves the settings reached the server.
      settings = { checks = { hedge = 'error' } },
    }),
    'setup() found the server'
  )

  -- 1. A Markdown document: the client attaches and the server's diagnostics arrive.
  local md = open('ferry.md')
  check(vim.bo[md].filetype == 'markdown', 'ferry.md has filetype markdown')
  check(vim.wait(TIMEOUT, function() return #clients_of(md) == 1 end, 50), 'a client attached to ferry.md')
  local client = clients_of(md)[1]
  check(
    vim.wait(TIMEOUT, function() return #diagnostics_with(md, 'hedge') > 0 end, 50),
    'hedge diagnostics arrived for ferry.md'
  )
  note('codes in ferry.md: %s', codes(md))
  local hedge = diagnostics_with(md, 'hedge')[1]
  if hedge then
    check(hedge.lnum == 2, 'the hedge is on line 3 (got ' .. tostring(hedge.lnum + 1) .. ')')
    local text = vim.api.nvim_buf_get_lines(md, hedge.lnum, hedge.lnum + 1, false)[1]
    check(text:sub(hedge.col + 1, hedge.end_col) == 'may', 'the hedge covers "may"')
    check(hedge.severity == vim.diagnostic.severity.ERROR, 'settings passed through: hedge is an error')
    check(hedge.source == 'evidential', 'source is evidential')
  end
  if client then
    check(client.config.root_dir == env.workspace, 'root_dir is the workspace (.git marker)')
  end

  -- 2. A plain-text buffer in the same project reuses that client.
  local txt = open('bakery.txt')
  check(vim.bo[txt].filetype == 'text', 'bakery.txt has filetype text')
  check(vim.wait(TIMEOUT, function() return #clients_of(txt) == 1 end, 50), 'a client attached to bakery.txt')
  check(client ~= nil and clients_of(txt)[1] ~= nil and clients_of(txt)[1].id == client.id,
    'bakery.txt reuses the ferry.md client')
  check(
    vim.wait(TIMEOUT, function() return #diagnostics_with(txt, 'hedge') > 0 end, 50),
    'hedge diagnostics arrived for bakery.txt'
  )
  note('codes in bakery.txt: %s', codes(txt))
  local running = 0
  for _, c in pairs(vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()) do
    if c.name == 'evidential' then
      running = running + 1
    end
  end
  check(running == 1, 'one evidential client for both buffers (got ' .. running .. ')')

  -- 3. A code action chosen in Neovim's own UI (vim.ui.select) edits the buffer.
  vim.cmd('buffer ' .. md)
  local target = diagnostics_with(md, 'hedge')[1]
  if target then
    vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
    local offered, chosen = {}, nil
    vim.ui.select = function(items, opts, on_choice)
      for _, item in ipairs(items) do
        local title = opts.format_item and opts.format_item(item) or tostring(item)
        table.insert(offered, title)
        if not chosen and title:match('^Disable hedge for this line') then
          chosen = item
        end
      end
      on_choice(chosen)
    end
    local before = vim.api.nvim_buf_get_lines(md, 0, -1, false)
    vim.lsp.buf.code_action()
    check(vim.wait(TIMEOUT, function() return #offered > 0 end, 50), 'code actions were offered')
    note('offered: %s', table.concat(offered, ' | '))
    check(chosen ~= nil, '"Disable hedge for this line" was among them')
    check(
      vim.wait(TIMEOUT, function()
        return #vim.api.nvim_buf_get_lines(md, 0, -1, false) ~= #before
      end, 50),
      'the code action changed the buffer'
    )
    local after = vim.api.nvim_buf_get_lines(md, 0, -1, false)
    note('line %d is now: %s', target.lnum + 1, after[target.lnum + 1] or '')
    check((after[target.lnum + 1] or ''):match('evidential%-disable%-next%-line hedge') ~= nil,
      'a suppression comment now precedes the hedged line')
    check(
      vim.wait(TIMEOUT, function() return #diagnostics_with(md, 'hedge') == 0 end, 50),
      'the server re-checked the edited buffer and the hedge is silenced'
    )
  end
end

local ok, err = pcall(run)
if not ok then
  check(false, 'the test raised: ' .. tostring(err))
end
note('%d failed', failures)
local f = io.open(env.result, 'w')
f:write(table.concat(lines, '\n') .. '\n')
f:close()

-- Shut the server down cleanly before leaving, so its log is complete.
for _, c in pairs(vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()) do
  c.stop()
end
vim.wait(3000, function()
  return #(vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()) == 0
end, 50)
vim.cmd(failures == 0 and 'qall!' or 'cquit! 1')
