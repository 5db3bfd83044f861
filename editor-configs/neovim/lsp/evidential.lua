-- Neovim 0.11+ reads this file from the runtimepath for `vim.lsp.enable('evidential')`: the defaults of
-- lua/evidential/init.lua (cmd, filetypes, root markers, empty settings). Override them with
-- vim.lsp.config('evidential', {...}) or require('evidential').setup({...}).
return require('evidential').config()
